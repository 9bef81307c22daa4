import { readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildLemmaTable, readLemmaTable, writeLemmaTable } from "../../../src/retrieval/embeddings/lemma-table.js";
import { POS_LIST } from "../../../src/retrieval/embeddings/morphy.js";
import { defaultDictDir, WordNet } from "../../../src/retrieval/embeddings/wordnet.js";

let dir: string;
let indexFiles: string[];

/** Index lines as WordNet writes them: lemma, part of speech, counts, then synset offsets. */
const LINES: Record<string, string> = {
  noun: "  1 licence header line\ntroop n 1 1 @ 1 1 08291275\nshell n 1 1 @ 1 1 04190464\n",
  verb: "shell v 1 1 @ 1 0 01234567\n",
  adj: "big a 1 1 & 1 1 01382086\n",
  adv: "quickly r 1 0 1 1 00085811\n",
};

/** Byte comparison: a deep equality over 512k slots takes seconds. */
function bytesOf(table: Uint32Array | undefined): Buffer | undefined {
  return table && Buffer.from(table.buffer, table.byteOffset, table.byteLength);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-lemma-table-"));
  indexFiles = POS_LIST.map((pos) => path.join(dir, `index.${pos}`));
  await Promise.all(POS_LIST.map((pos, i) => writeFile(indexFiles[i]!, LINES[pos]!)));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("WordNet lemma table", () => {
  it("GIVEN a table saved for the index files THEN reading it gives the table built from them", async () => {
    const table = path.join(dir, "table.bin");
    await writeLemmaTable(table, indexFiles);
    const built = buildLemmaTable(indexFiles.map((file) => readFileSync(file)));
    expect(built.some((slot) => slot !== 0)).toBe(true);
    expect(bytesOf(readLemmaTable(table, indexFiles))?.equals(bytesOf(built)!)).toBe(true);
  });

  it("GIVEN an index file rewritten after the table was saved THEN the table is not used", async () => {
    const table = path.join(dir, "table.bin");
    await writeLemmaTable(table, indexFiles);
    await writeFile(indexFiles[0]!, "army n 1 1 @ 1 1 08191701\n" + LINES.noun);
    expect(readLemmaTable(table, indexFiles)).toBeUndefined();
  });

  it("GIVEN an index file with the same size but another time THEN the table is not used", async () => {
    const table = path.join(dir, "table.bin");
    await writeLemmaTable(table, indexFiles);
    await utimes(indexFiles[1]!, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(readLemmaTable(table, indexFiles)).toBeUndefined();
  });

  it("GIVEN no file, a file cut short or another kind of file THEN nothing is read and nothing throws", async () => {
    expect(readLemmaTable(path.join(dir, "missing.bin"), indexFiles)).toBeUndefined();
    const table = path.join(dir, "table.bin");
    await writeLemmaTable(table, indexFiles);
    await writeFile(table, readFileSync(table).subarray(0, 1000));
    expect(readLemmaTable(table, indexFiles)).toBeUndefined();
    await writeFile(table, Buffer.alloc(readFileSync(path.join(dir, "index.noun")).length));
    expect(readLemmaTable(table, indexFiles)).toBeUndefined();
  });

  it("GIVEN a table made from other index files THEN WordNet makes its own and answers as with the right one", async () => {
    const copied = path.join(dir, "dict");
    await mkdir(copied);
    for (const name of await readdir(defaultDictDir())) {
      if (/^(index|data)\.(noun|verb|adj|adv)$/.test(name)) await copyFile(path.join(defaultDictDir(), name), path.join(copied, name));
    }
    const right = path.join(dir, "right.bin");
    await writeLemmaTable(right, POS_LIST.map((pos) => path.join(copied, `index.${pos}`)));
    const stale = path.join(dir, "table.bin");
    await writeLemmaTable(stale, indexFiles);
    const withRight = WordNet.open(copied, { lemmaTable: right });
    const withStale = WordNet.open(copied, { lemmaTable: stale });
    try {
      for (const word of ["troops", "shells", "pact", "defect", "bigger", "Seoul"]) {
        const expected = withRight.lookup(word);
        expect(expected).toBeDefined();
        expect(withStale.lookup(word)).toEqual(expected);
      }
    } finally {
      withRight.close();
      withStale.close();
    }
  });
});
