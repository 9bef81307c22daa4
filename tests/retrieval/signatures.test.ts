import { mkdir, mkdtemp, rm, truncate } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PassageSignatures, querySignature, SIGNATURE_FEATURES, SIGNATURES_FILE, signatureOfHashed } from "../../src/retrieval/signatures.js";
import { bagCosine } from "../../src/retrieval/mmr.js";

const features = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));

const KURSK = features({ kursk: 3, korean: 2, soldier: 2, troop: 1 });
const CHINA = features({ china: 3, beijing: 2, korean: 1 });

describe("PassageSignatures", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sitrep-signatures-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("GIVEN small feature sets THEN the cosine with a query equals the exact cosine of the feature maps", () => {
    const signatures = new PassageSignatures();
    signatures.set("a#1", KURSK);
    const query = features({ korean: 1, soldier: 1 });
    expect(signatures.cosine(querySignature(query), "a#1")).toBeCloseTo(bagCosine(query, KURSK), 6);
    expect(signatures.cosine(querySignature(query), "unknown#1")).toBe(0);
  });

  it("GIVEN two passages THEN their overlap is the exact cosine of their features", () => {
    const signatures = new PassageSignatures();
    signatures.set("a#1", KURSK);
    signatures.set("b#1", CHINA);
    expect(signatures.overlap("a#1", "b#1")).toBeCloseTo(bagCosine(KURSK, CHINA), 6);
    expect(signatures.overlap("a#1", "a#1")).toBeCloseTo(1, 6);
  });

  it("GIVEN more features than a signature keeps THEN the heaviest are kept and the norm stays that of all features", () => {
    const many = new Map<string, number>();
    for (let i = 0; i < SIGNATURE_FEATURES + 50; i++) many.set(`f${i}`, i + 1);
    const signatures = new PassageSignatures();
    signatures.set("a#1", many);
    const heaviest = `f${SIGNATURE_FEATURES + 49}`;
    const lightest = "f0";
    expect(signatures.cosine(querySignature(features({ [heaviest]: 1 })), "a#1")).toBeCloseTo(bagCosine(features({ [heaviest]: 1 }), many), 6);
    expect(signatures.cosine(querySignature(features({ [lightest]: 1 })), "a#1")).toBe(0);
  });

  it("GIVEN saved signatures WHEN loaded THEN cosines are unchanged and deleting a document removes its passages", async () => {
    const signatures = new PassageSignatures();
    signatures.set("a#1", KURSK);
    signatures.set("a#2", CHINA);
    signatures.set("b#1", CHINA);
    await signatures.save(dir);
    const loaded = await PassageSignatures.load(dir);
    const query = querySignature(features({ china: 1, korean: 1 }));
    for (const id of ["a#1", "a#2", "b#1"]) expect(loaded.cosine(query, id)).toBeCloseTo(signatures.cosine(query, id), 6);
    loaded.deleteDocument("a");
    expect(loaded.size).toBe(1);
    expect(loaded.cosine(query, "a#2")).toBe(0);
  });

  it("GIVEN a loaded file WHEN passages are replaced, added and deleted and it is saved again THEN the new file holds exactly the live signatures", async () => {
    const signatures = new PassageSignatures();
    signatures.set("a#1", KURSK);
    signatures.set("b#1", CHINA);
    signatures.set("c#1", KURSK);
    await signatures.save(dir);
    const loaded = await PassageSignatures.load(dir);
    loaded.set("a#1", CHINA);
    loaded.set("d#1", KURSK);
    loaded.deleteDocument("c");
    const next = path.join(dir, "next");
    await mkdir(next);
    await loaded.save(next);

    const reloaded = await PassageSignatures.load(next);
    const query = querySignature(features({ china: 1 }));
    expect(reloaded.size).toBe(3);
    expect(reloaded.cosine(query, "a#1")).toBeCloseTo(bagCosine(features({ china: 1 }), CHINA), 6);
    expect(reloaded.cosine(query, "b#1")).toBeCloseTo(bagCosine(features({ china: 1 }), CHINA), 6);
    expect(reloaded.overlap("d#1", "a#1")).toBeCloseTo(bagCosine(KURSK, CHINA), 6);
    expect(reloaded.cosine(query, "c#1")).toBe(0);
  });

  it("GIVEN a truncated file WHEN loaded THEN it is rejected", async () => {
    const signatures = new PassageSignatures();
    signatures.set("a#1", KURSK);
    await signatures.save(dir);
    await truncate(path.join(dir, SIGNATURES_FILE), 10);
    await expect(PassageSignatures.load(dir)).rejects.toThrow();
  });
});

/** The plain way: sort every feature by weight to find the kept ones, then sort those by key, weight and index. */
function referenceSignature(keys: Uint32Array, weights: Float64Array): { keys: number[]; weights: number[] } {
  const kept = [...keys.keys()].sort((a, b) => weights[b]! - weights[a]! || a - b).slice(0, SIGNATURE_FEATURES);
  kept.sort((a, b) => keys[a]! - keys[b]! || weights[b]! - weights[a]! || a - b);
  return { keys: kept.map((i) => keys[i]!), weights: kept.map((i) => Math.fround(weights[i]!)) };
}

describe("signatureOfHashed", () => {
  it("GIVEN thousands of features with many equal weights and colliding keys THEN it keeps and orders exactly as sorting would", () => {
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const n = 3 * SIGNATURE_FEATURES + 17;
    const keys = Uint32Array.from({ length: n }, () => (next() % 5 === 0 ? next() % 64 : next()));
    const weights = Float64Array.from({ length: n }, () => (next() % 40) / 8 + 0.125);
    const signature = signatureOfHashed(keys, weights);
    const reference = referenceSignature(keys, weights);
    expect([...signature.keys]).toEqual(reference.keys);
    expect([...signature.weights]).toEqual(reference.weights);
  });

  it("GIVEN features whose hashes collide THEN they are ordered by key, then heavier first, then earlier first", () => {
    const signature = signatureOfHashed(Uint32Array.of(5, 3, 5, 3, 4_000_000_000), Float64Array.of(1, 2, 3, 2, 0.5));
    expect([...signature.keys]).toEqual([3, 3, 5, 5, 4_000_000_000]);
    expect([...signature.weights]).toEqual([2, 2, 3, 1, 0.5]);
  });
});
