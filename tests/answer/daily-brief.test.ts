import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeDailyBrief, formatDailyBrief, MAX_ITEMS, QUIET_DAY, type DailyBrief } from "../../src/answer/daily-brief.js";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open.js";
import { UserError } from "../../src/errors.js";

const CORPUS = new URL("../../corpus", import.meta.url).pathname;
const NOW = new Date("2026-11-26T23:30:00Z");

function markers(text: string): number[] {
  return [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
}

describe("composeDailyBrief", () => {
  let work: string;
  let engine: AnswerEngine;
  let paragraphs: string[];
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "sitrep-brief-"));
    ({ engine } = await openEngine({ corpusDir: CORPUS, indexDir: path.join(work, "index") }));
    paragraphs = (await readFile(path.join(CORPUS, "north-korean-troops-in-russias-war.txt"), "utf8")).split("\n").filter(Boolean);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  function expectEveryClaimCited(brief: DailyBrief): void {
    const used = [...brief.newSince, ...brief.keyPoints].flatMap((line) => markers(line.text));
    expect(brief.citations.map((c) => c.n)).toEqual(brief.citations.map((_, i) => i + 1));
    for (const n of used) {
      const citation = brief.citations.find((c) => c.n === n);
      expect(citation, `[${n}] has a source`).toBeDefined();
      expect(paragraphs[citation!.paragraph - 1]).toContain(citation!.quote);
    }
    for (const c of brief.citations) expect(used).toContain(c.n);
  }

  it("GIVEN zones on both sides of UTC THEN the brief is dated in the reader's zone", async () => {
    const east = await composeDailyBrief(engine, { now: NOW, timeZone: "Asia/Seoul" });
    const west = await composeDailyBrief(engine, { now: NOW, timeZone: "America/Los_Angeles" });
    expect(east.title).toBe("Daily brief — Fri 27 Nov 2026");
    expect(east.date).toBe("2026-11-27");
    expect(west.title).toBe("Daily brief — Thu 26 Nov 2026");
    expect(west.date).toBe("2026-11-26");
  });

  it("GIVEN an article indexed after the last brief THEN it is listed with its cited lede", async () => {
    const brief = await composeDailyBrief(engine, { now: NOW, timeZone: "UTC", since: new Date("2000-01-01T00:00:00Z") });
    expect(brief.newSince).toHaveLength(1);
    expect(brief.newSince[0]!.label).toBe("North Korean Troops in Russias War");
    expect(brief.newSince[0]!.text).toContain("The latest escalation");
    expectEveryClaimCited(brief);
  });

  it("GIVEN nothing indexed since the last brief THEN it says it is a quiet day instead of padding", async () => {
    const brief = await composeDailyBrief(engine, { now: NOW, timeZone: "UTC", since: new Date(Date.now() + 60_000) });
    expect(brief.newSince).toEqual([]);
    expect(formatDailyBrief(brief)).toContain(QUIET_DAY);
  });

  it("GIVEN watch topics THEN each gets cited key points, at most five topics, and every marker resolves to a verbatim quote", async () => {
    const topics = ["North Korean troops in Kursk", "China", "Poland and NATO", "casualties", "BRICS", "defections"];
    const brief = await composeDailyBrief(engine, { now: NOW, timeZone: "Europe/Kyiv", topics });
    expect(brief.keyPoints.map((p) => p.label)).toEqual(topics.slice(0, MAX_ITEMS));
    for (const p of brief.keyPoints) expect(markers(p.text).length).toBeGreaterThan(0);
    expectEveryClaimCited(brief);
    const text = formatDailyBrief(brief);
    for (const c of brief.citations) expect(text).toContain(`[${c.n}] ${c.title}, ¶${c.paragraph} — “${c.quote}”`);
  });

  it("GIVEN an unknown time zone THEN a user error names it", async () => {
    await expect(composeDailyBrief(engine, { now: NOW, timeZone: "Mars/Olympus" })).rejects.toThrow(UserError);
  });
});
