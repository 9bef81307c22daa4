// Bad corpus files. Most rows of the hardening table are tested where the loader and the index live; this file
// lists them so the table is complete in one place, and adds what was missing (a real 50 MB file).
//
//   empty, whitespace-only                 tests/corpus/load.test.ts  "each kind of bad file"       skipped: empty
//   binary                                 tests/corpus/load.test.ts  "each kind of bad file"       skipped: binary
//   invalid UTF-8                          tests/corpus/load.test.ts  "each kind of bad file"       skipped: not valid UTF-8
//   broken front matter (5 kinds)          tests/corpus/load.test.ts  "each kind of bad file"       skipped: names the field
//   two files with the same id             tests/corpus/load.test.ts  "each kind of bad file"       the second is skipped
//   symlink loop, broken, pointing outside tests/corpus/load.test.ts  "symlinks outside, broken…"   loading finishes
//   a file removed while indexing          tests/corpus/load-io-errors.test.ts                      skipped, the rest load
//   bad files among good ones, re-synced   tests/retrieval/indexing.test.ts "an empty and a binary file…"
//   index files truncated or corrupted     tests/retrieval/indexing.test.ts "a truncated vectors file…" and the
//                                          checksum, docstore and manifest rows after it: detected, rebuilt, answers right
import { closeSync, openSync, ftruncateSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { removeTempCorpora, tempCorpus } from "../corpus/temp-corpus.js";

afterEach(removeTempCorpora);

const GOOD = "---\ntitle: Good\n---\nA paragraph that is fine.";

describe("a 50 MB corpus file", () => {
  it("GIVEN a 50 MB file beside a good one WHEN the corpus loads with the default limit THEN it is skipped by its size, unread, and the good one loads", async () => {
    const dir = tempCorpus({ "good.md": GOOD });
    // Sparse: the size is real to stat, and the test writes no 50 MB to disk.
    const fd = openSync(path.join(dir, "huge.txt"), "w");
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);

    const { articles, skipped } = await loadCorpus(dir);

    expect(articles.map((a) => a.file)).toEqual(["good.md"]);
    expect(skipped).toEqual([{ file: "huge.txt", reason: "file is 50 MiB, over the 5 MiB limit" }]);
  });
});
