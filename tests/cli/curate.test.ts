import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { recordingIo } from "../bot/cli-io.js";

const CORPUS = new URL("../../corpus", import.meta.url).pathname;
const SEED_FILE = "north-korean-troops-in-russias-war.txt";
const GENEVA = "Ceasefire talks opened in Geneva on Wednesday under Swiss mediation.\nThe mediators put a prisoner exchange first on the agenda.\n";

let work: string;
let corpusDir: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "sitrep-cli-curate-"));
  corpusDir = path.join(work, "corpus");
  await cp(CORPUS, corpusDir, { recursive: true });
  await writeFile(path.join(work, "geneva-talks.txt"), GENEVA);
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const io = recordingIo({});
  const code = await runCli([...args, "--corpus", corpusDir, "--index", path.join(work, "index")], io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

describe("sitrep add and remove", () => {
  it("GIVEN a new article THEN add stores it under a generated name, ask cites it, and remove takes it out again", async () => {
    const added = await cli("add", path.join(work, "geneva-talks.txt"), "--published", "2026-11-25");
    expect(added).toMatchObject({ code: 0, err: "" });
    const id = /^added (geneva-talks-[0-9a-f]{8}): "Geneva Talks", 2 paragraphs/.exec(added.out)?.[1];
    expect(id).toBeDefined();
    expect((await readdir(corpusDir)).sort()).toEqual([`${id}.md`, SEED_FILE].sort());

    const answer = await cli("ask", "What did the mediators put first on the agenda in Geneva?", "--json");
    expect((JSON.parse(answer.out) as { citations: { docId: string }[] }).citations[0]?.docId).toBe(id);

    const again = await cli("add", path.join(work, "geneva-talks.txt"));
    expect(again.out).toBe(`not added ${path.join(work, "geneva-talks.txt")}: the corpus already has this text as ${id} ("Geneva Talks")`);

    const removed = await cli("remove", id!);
    expect(removed.code).toBe(0);
    expect(removed.out).toMatch(new RegExp(`^removed ${id}: "Geneva Talks" .*; 1 document left$`));
    expect(await readdir(corpusDir)).toEqual([SEED_FILE]);
  });

  it("GIVEN one good and one refused file THEN nothing is added and it exits 2 naming the refused one", async () => {
    await writeFile(path.join(work, "photo.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]));
    const result = await cli("add", path.join(work, "geneva-talks.txt"), path.join(work, "photo.md"), path.join(work, "missing.txt"));
    expect(result.code).toBe(2);
    expect(result.err).toContain(`refused ${path.join(work, "photo.md")}: The file cannot be an article: file looks binary`);
    expect(result.err).toContain(`refused ${path.join(work, "missing.txt")}: no such file`);
    expect(result.err).toContain("nothing was added");
    expect(await readdir(corpusDir)).toEqual([SEED_FILE]);
  });

  it("GIVEN usage mistakes THEN each exits 2 with one line", async () => {
    expect(await cli("add")).toMatchObject({ code: 2, err: "sitrep: add needs at least one .md or .txt file" });
    expect((await cli("add", "a.txt", "b.txt", "--title", "T")).err).toMatch(/describe one article: give one file/);
    expect(await cli("remove")).toMatchObject({ code: 2, err: "sitrep: remove takes one document id (see sitrep sources)" });
    expect(await cli("remove", "no-such-doc")).toMatchObject({ code: 2, err: 'sitrep: There is no document "no-such-doc" in the corpus.' });
  });
});
