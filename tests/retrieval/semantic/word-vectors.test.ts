import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installedWordVectors, loadWordVectors, PackedWordVectors, writeWordVectors } from "../../../src/retrieval/semantic/word-vectors.js";

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-word-vectors-"));
  file = path.join(dir, "vectors.bin");
  await writeWordVectors(file, "fixture", 3, [
    { word: "the", rank: 0, values: [3, 0, 0] },
    { word: "pact", rank: 7, values: [1, 1, 0] },
    { word: "naïve", rank: 9, values: [0, 0, -2] },
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe("PackedWordVectors", () => {
  it("GIVEN a written file THEN every word reads back with its rank and its direction at unit length", () => {
    const vectors = PackedWordVectors.read(file);
    expect(vectors.size).toBe(3);
    expect(vectors.dimensions).toBe(3);
    const pact = vectors.find("pact")!;
    expect(vectors.rank(pact)).toBe(7);
    expect(vectors.rank(vectors.find("naïve")!)).toBe(9);
    const unit = vectors.vector(pact);
    expect(cosine(unit, unit)).toBeCloseTo(1, 5);
    expect(unit[0]).toBeCloseTo(Math.SQRT1_2, 2);
    expect(vectors.vector(vectors.find("naïve")!)).toEqual(Float32Array.of(0, 0, -1));
    expect(vectors.cosine(unit, pact)).toBeCloseTo(1, 5);
    expect(vectors.cosine(unit, vectors.find("the")!)).toBeCloseTo(Math.SQRT1_2, 2);
  });

  it("GIVEN a word the file lacks, or another spelling of one it has THEN it is not found", () => {
    const vectors = PackedWordVectors.read(file);
    expect(vectors.find("treaty")).toBeUndefined();
    expect(vectors.find("Pact")).toBeUndefined();
    expect(vectors.find("naive")).toBeUndefined();
  });

  it("GIVEN a truncated file or another format THEN reading throws instead of answering from garbage", async () => {
    const bytes = await readFile(file);
    const truncated = path.join(dir, "truncated.bin");
    await writeFile(truncated, bytes.subarray(0, bytes.length - 5));
    expect(() => PackedWordVectors.read(truncated)).toThrow(/truncated|size/);
    const other = path.join(dir, "other.bin");
    await writeFile(other, Buffer.concat([Buffer.of(2, 0, 0, 0), Buffer.from("{}")]));
    expect(() => PackedWordVectors.read(other)).toThrow(/not a/);
  });
});

describe("loadWordVectors", () => {
  it("GIVEN no file THEN there is no table, and the problem says they are not built and how to build them", async () => {
    const result = await loadWordVectors(path.join(dir, "absent.bin"));
    expect(result.table).toBeUndefined();
    expect(result).toMatchObject({ problem: expect.stringMatching(/are not built.*npm run build:word-vectors/) as unknown });
  });

  it("GIVEN a damaged file THEN the problem says it cannot be read, and why", async () => {
    const damaged = path.join(dir, "damaged.bin");
    await writeFile(damaged, (await readFile(file)).subarray(0, 100));
    expect(await loadWordVectors(damaged)).toMatchObject({ problem: expect.stringMatching(/cannot be read \(.*truncated/) as unknown });
  });

  it("GIVEN a good file THEN it has the table", async () => {
    expect((await loadWordVectors(file)).table?.dimensions).toBe(3);
  });
});

describe("the word vectors built by npm install", () => {
  it("GIVEN the installed GloVe vectors THEN paraphrases the seed questions use sit closer than unrelated words", async () => {
    const { table: vectors } = await installedWordVectors();
    expect(vectors, "npm install should have built src/retrieval/semantic/word-vectors.bin (npm run build:word-vectors)").toBeDefined();
    const similarity = (a: string, b: string): number => vectors!.cosine(vectors!.vector(vectors!.find(a)!), vectors!.find(b)!);
    expect(similarity("ammunition", "shells")).toBeGreaterThan(0.5);
    expect(similarity("pact", "partnership")).toBeGreaterThan(0.5);
    expect(similarity("ammunition", "harvest")).toBeLessThan(0.3);
    expect(vectors!.rank(vectors!.find("the")!)).toBe(0);
  });
});
