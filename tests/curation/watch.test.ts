import { mkdir, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { watchCorpus, type CorpusWatcher } from "../../src/curation/watch.js";

const DEBOUNCE_MS = 250;
/** Long enough for the debounce and the kernel's notification, short enough to keep the file quick. */
const SETTLE_MS = 1000;

let dir: string;
let watcher: CorpusWatcher | undefined;
let calls: number;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-watch-"));
  calls = 0;
  watcher = watchCorpus(dir, () => calls++, { debounceMs: DEBOUNCE_MS });
});

afterEach(async () => {
  watcher?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("watchCorpus", () => {
  it("GIVEN a burst of writes THEN onChange runs once, after things settle", async () => {
    for (let i = 0; i < 5; i++) await writeFile(path.join(dir, "report.txt"), `version ${i}\n`);
    expect(calls).toBe(0);
    await sleep(SETTLE_MS);
    expect(calls).toBe(1);
  });

  it("GIVEN a file added in a subfolder, then removed THEN each change is noticed", async () => {
    await mkdir(path.join(dir, "world"));
    await writeFile(path.join(dir, "world", "kursk.md"), "Text.\n");
    await sleep(SETTLE_MS);
    expect(calls).toBe(1);
    await unlink(path.join(dir, "world", "kursk.md"));
    await sleep(SETTLE_MS);
    expect(calls).toBe(2);
  });

  it("GIVEN only dot-files change (editor swap files, half-written uploads) THEN nothing runs", async () => {
    await writeFile(path.join(dir, ".report.md.swp"), "x");
    await writeFile(path.join(dir, ".upload.md.1a2b.tmp"), "x");
    await sleep(SETTLE_MS);
    expect(calls).toBe(0);
  });

  it("GIVEN the watcher is closed THEN later changes run nothing", async () => {
    watcher?.close();
    await writeFile(path.join(dir, "report.txt"), "late\n");
    await sleep(SETTLE_MS);
    expect(calls).toBe(0);
  });
});
