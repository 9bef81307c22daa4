import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWinkVectors } from "../../../src/retrieval/semantic/wink-vectors.js";

let dir: string;
let file: string;

// The package's shape: metadata, the word list, then each word's values, its norm and its frequency rank.
const PACKAGE_JSON = JSON.stringify({
  precision: 8,
  l2NormIndex: 2,
  wordIndex: 3,
  size: 4,
  dimensions: 2,
  unkVector: [0, 0, 0, -1],
  words: ["the", ",", "say \"hi\"", "pact"],
  vectors: { the: [1, 0, 1, 0], ",": [0, 1, 1, 1], 'say "hi"': [0.5, 0.5, 0.7, 2], pact: [-1, 2, 2.2, 3] },
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-wink-"));
  file = path.join(dir, "vectors.json");
  await writeFile(file, PACKAGE_JSON);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readWinkVectors", () => {
  it("GIVEN the package's JSON THEN it yields each kept word with its rank and values, without norm or rank", async () => {
    const { dimensions, entries } = await readWinkVectors(file, (word) => /^\p{L}+$/u.test(word));
    expect(dimensions).toBe(2);
    expect(entries).toEqual([
      { word: "the", rank: 0, values: [1, 0] },
      { word: "pact", rank: 3, values: [-1, 2] },
    ]);
  });

  it("GIVEN the file read a few bytes at a time THEN entries split across reads are still read whole, escapes included", async () => {
    for (const chunkBytes of [7, 16, 33]) {
      const { entries } = await readWinkVectors(file, () => true, chunkBytes);
      expect(entries.map((e) => e.word)).toEqual(["the", ",", 'say "hi"', "pact"]);
    }
  });

  it("GIVEN a file cut short inside its vectors THEN it throws instead of keeping the words read so far", async () => {
    const truncated = path.join(dir, "truncated.json");
    await writeFile(truncated, PACKAGE_JSON.slice(0, PACKAGE_JSON.lastIndexOf('"pact"') + 4));
    await expect(readWinkVectors(truncated, () => true)).rejects.toThrow(/ends before/);
  });

  it("GIVEN entries in a layout the reader does not expect THEN it throws", async () => {
    const spaced = path.join(dir, "spaced.json");
    await writeFile(spaced, PACKAGE_JSON.replace('"pact":[', '"pact" : ['));
    await expect(readWinkVectors(spaced, () => true)).rejects.toThrow(/ends before/);
  });

  it("GIVEN a JSON file without vectors THEN it throws, so the install says no vectors were built", async () => {
    const other = path.join(dir, "other.json");
    await writeFile(other, JSON.stringify({ dimensions: 2, words: [] }));
    await expect(readWinkVectors(other, () => true)).rejects.toThrow(/no "vectors"/);
  });
});
