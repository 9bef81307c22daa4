import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { recordingIo } from "../bot/cli-io.js";

const CORPUS = new URL("../../corpus", import.meta.url).pathname;

describe("sitrep brief", () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "sitrep-cli-brief-"));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });
  const args = (...rest: string[]): string[] => ["brief", "--corpus", CORPUS, "--index", path.join(work, "index"), ...rest];

  it("GIVEN topics and --json THEN it prints the brief with its key points and sources", async () => {
    const io = recordingIo({});
    expect(await runCli(args("--topic", "China; Poland", "--since", "2000-01-01", "--tz", "UTC", "--json"), io)).toBe(0);
    const brief = JSON.parse(io.stdout.join("\n")) as { keyPoints: { label: string }[]; newSince: unknown[]; citations: unknown[] };
    expect(brief.keyPoints.map((p) => p.label)).toEqual(["China", "Poland"]);
    expect(brief.newSince).toHaveLength(1);
    expect(brief.citations.length).toBeGreaterThan(0);
  });

  it("GIVEN a bad date or zone THEN it exits 2 with one line saying what to type", async () => {
    const badDate = recordingIo({});
    expect(await runCli(args("--since", "yesterday"), badDate)).toBe(2);
    expect(badDate.stderr.join("\n")).toMatch(/--since takes a date/);
    const badZone = recordingIo({});
    expect(await runCli(args("--tz", "Mars/Olympus"), badZone)).toBe(2);
    expect(badZone.stderr.join("\n")).toMatch(/not a time zone/);
  });
});
