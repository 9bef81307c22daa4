import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleClosestKernel, CLOSEST_WAT } from "../../../scripts/assemble-wasm.js";
import { CLOSEST_WASM } from "../../../src/retrieval/semantic/closest-wasm.js";
import { SoftMatcher } from "../../../src/retrieval/semantic/soft-match.js";
import { PackedWordVectors, writeWordVectors } from "../../../src/retrieval/semantic/word-vectors.js";

let dir: string;
let file: string;
/** 37 dimensions: not a multiple of the kernel's 16-byte chunks, so every row's last chunk reads past it. */
const DIMENSIONS = 37;
const WORDS = 600;

/** A deterministic pseudo-random stream, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-closest-"));
  file = path.join(dir, "vectors.bin");
  const next = random(7);
  const entries = Array.from({ length: WORDS }, (_, i) => ({ word: `w${i}`, rank: i, values: Array.from({ length: DIMENSIONS }, next) }));
  await writeWordVectors(file, "fixture", DIMENSIONS, entries);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function rowByRow(table: PackedWordVectors, vector: Float32Array, rows: Int32Array): number {
  let best = 0;
  for (const row of rows) best = Math.max(best, table.cosine(vector, row));
  return best;
}

describe("the word-vector kernel (closest.wat)", () => {
  it("GIVEN its WebAssembly text THEN the module sitrep embeds is that text assembled", async () => {
    const assembled = await assembleClosestKernel(readFileSync(CLOSEST_WAT, "utf8"));
    expect(assembled.toString("base64")).toBe(CLOSEST_WASM);
  });

  it("GIVEN a table loaded into its memory THEN each word's closest match is the row-by-row one, to 1e-4", async () => {
    const table = await PackedWordVectors.load(file);
    expect(table.matchesBySimd).toBe(true);
    const next = random(11);
    for (let trial = 0; trial < 200; trial++) {
      const vector = table.vector(Math.floor((next() + 0.5) * WORDS));
      const rows = Int32Array.from({ length: 1 + (trial % 50) }, () => Math.floor((next() + 0.5) * WORDS));
      // The last row's final chunk reads past the vectors, into the rest of the file.
      rows[0] = WORDS - 1;
      expect(table.closest!(vector, rows)).toBeCloseTo(rowByRow(table, vector, rows), 4);
    }
  });

  it("GIVEN more rows than one call's scratch holds THEN they are taken in turns and the best still wins", async () => {
    const table = await PackedWordVectors.load(file);
    const vector = table.vector(3);
    const rows = Int32Array.from({ length: 50_000 }, (_, i) => (i * 7 + 1) % WORDS);
    rows[45_000] = 3;
    expect(table.closest!(vector, rows)).toBeCloseTo(1, 4);
    expect(table.closest!(vector, rows.subarray(0, 40_000))).toBeCloseTo(rowByRow(table, vector, rows.subarray(0, 40_000)), 4);
  });

  it("GIVEN no rows, only opposite words, or a zero vector THEN the closest match is 0, as row by row", async () => {
    const table = await PackedWordVectors.load(file);
    const vector = table.vector(5);
    expect(table.closest!(vector, new Int32Array())).toBe(0);
    expect(table.closest!(vector.map((x) => -x), Int32Array.of(5))).toBe(0);
    expect(table.closest!(new Float32Array(DIMENSIONS), Int32Array.of(1, 2, 3))).toBe(0);
  });

  it("GIVEN a table read without the kernel THEN SoftMatcher scores texts as it does with the kernel", async () => {
    const withKernel = await PackedWordVectors.load(file);
    const plain = PackedWordVectors.read(file);
    expect(plain.matchesBySimd).toBe(false);
    const question = "w1 w2 w3 w4";
    const texts = ["w10 w11 w12", "w20 w1 w30", "w599 w598"];
    const [fast, slow] = [new SoftMatcher(withKernel, { threshold: 0.1 }), new SoftMatcher(plain, { threshold: 0.1 })];
    const scores = (m: SoftMatcher): number[] => m.scoreAll(m.profile(question), texts.map((t) => m.profile(t)));
    const expected = scores(slow);
    expect(expected.some((s) => s > 0 && s < 1)).toBe(true);
    scores(fast).forEach((s, i) => expect(s).toBeCloseTo(expected[i]!, 4));
  });
});
