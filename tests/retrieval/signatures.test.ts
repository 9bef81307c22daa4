import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PassageSignatures, querySignature, SIGNATURE_FEATURES, SIGNATURES_FILE, signatureOfHashed } from "../../src/retrieval/signatures.js";
import { bagCosine } from "../../src/retrieval/mmr.js";
import { encodeWithHeader } from "../../src/retrieval/store/binary-file.js";

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

  it("GIVEN an overlap asked for before THEN it is the same either way round, and a changed or deleted passage is compared afresh", () => {
    const signatures = new PassageSignatures();
    signatures.set("a#1", KURSK);
    signatures.set("b#1", CHINA);
    const first = signatures.overlap("a#1", "b#1");
    expect(signatures.overlap("b#1", "a#1")).toBe(first);
    signatures.set("b#1", KURSK);
    expect(signatures.overlap("a#1", "b#1")).toBeCloseTo(1, 6);
    signatures.deleteDocument("b");
    expect(signatures.overlap("b#1", "a#1")).toBe(0);
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

  it("GIVEN a spool directory WHEN more signatures are added than one flush holds THEN each reads back exactly, the saved file is byte for byte the one kept in memory would write, and the directory stays empty", async () => {
    const spoolDir = path.join(dir, "spool");
    const spooled = new PassageSignatures({ spoolIn: spoolDir });
    const held = new PassageSignatures();
    // 600 full signatures are ~2.4 MB: some flushed to the file, the last ones still staged.
    const ids = Array.from({ length: 600 }, (_, i) => `doc${i % 7}#${i}`);
    ids.forEach((id, i) => {
      const signature = randomSignature(i + 1);
      spooled.setSignature(id, signature);
      held.setSignature(id, signature);
    });
    expect(await readdir(spoolDir)).toEqual([]);
    const query = querySignature(new Map(Array.from({ length: 300 }, (_, i) => [`q${i}`, (i % 13) + 1])));
    for (const [a, b] of [[0, 1], [299, 300], [598, 599], [5, 594]] as const) {
      expect(spooled.overlap(ids[a]!, ids[b]!)).toBe(held.overlap(ids[a]!, ids[b]!));
      expect(spooled.cosine(query, ids[b]!)).toBe(held.cosine(query, ids[b]!));
    }
    expect(spooled.size).toBe(600);

    await mkdir(path.join(dir, "spooled"));
    await mkdir(path.join(dir, "held"));
    await spooled.save(path.join(dir, "spooled"));
    await held.save(path.join(dir, "held"));
    const bytes = await readFile(path.join(dir, "spooled", SIGNATURES_FILE));
    expect(bytes.equals(await readFile(path.join(dir, "held", SIGNATURES_FILE)))).toBe(true);
    // After saving, the signatures are read from the saved file.
    expect(spooled.overlap(ids[3]!, ids[597]!)).toBe(held.overlap(ids[3]!, ids[597]!));
  });

  it("GIVEN spooled signatures WHEN a document is deleted and a passage replaced THEN the saved file holds exactly the live ones", async () => {
    const spooled = new PassageSignatures({ spoolIn: path.join(dir, "spool") });
    for (let i = 0; i < 400; i++) spooled.setSignature(`doc${i % 4}#${i}`, randomSignature(i + 1));
    spooled.deleteDocument("doc1");
    spooled.setSignature("doc0#0", randomSignature(1000));
    expect(spooled.size).toBe(300);
    await spooled.save(dir);
    const loaded = await PassageSignatures.load(dir);
    expect(loaded.size).toBe(300);
    expect(loaded.overlap("doc1#1", "doc0#4")).toBe(0);
    const expected = new PassageSignatures();
    expected.setSignature("a", randomSignature(1000));
    expected.setSignature("b", randomSignature(5));
    expect(loaded.overlap("doc0#0", "doc1#5")).toBe(0);
    expect(loaded.overlap("doc0#0", "doc2#6")).toBeGreaterThan(0);
    expect(loaded.overlap("doc0#0", "doc0#4")).toBe(expected.overlap("a", "b"));
  });

  it("GIVEN a file in the first format (one [id, count, norm] row per passage) WHEN loaded THEN cosines are those of the signatures written", async () => {
    const written = [randomSignature(1), randomSignature(2), randomSignature(3)];
    const ids = ["a#1", "a#2", "b#1"];
    const rows = ids.map((id, i) => [id, written[i]!.keys.length, written[i]!.norm]);
    await writeFile(path.join(dir, SIGNATURES_FILE), encodeWithHeader(rows, [...written.map((w) => w.keys), ...written.map((w) => w.weights)]));
    const loaded = await PassageSignatures.load(dir);
    const expected = new PassageSignatures();
    ids.forEach((id, i) => expected.setSignature(id, written[i]!));
    expect(loaded.size).toBe(3);
    for (const [a, b] of [["a#1", "a#2"], ["a#2", "b#1"], ["b#1", "b#1"]] as const) expect(loaded.overlap(a, b)).toBe(expected.overlap(a, b));
  });

  it("GIVEN a truncated file WHEN loaded THEN it is rejected", async () => {
    const signatures = new PassageSignatures();
    signatures.set("a#1", KURSK);
    await signatures.save(dir);
    await truncate(path.join(dir, SIGNATURES_FILE), 10);
    await expect(PassageSignatures.load(dir)).rejects.toThrow();
  });
});

/** A full-size signature of pseudo-random features (deterministic in `seed`), drawn from a small key space so any two overlap. */
function randomSignature(seed: number) {
  let state = seed;
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const keys = Uint32Array.from({ length: SIGNATURE_FEATURES + 100 }, () => next() % 5000);
  const weights = Float64Array.from(keys, () => (next() % 1000) / 100 + 0.01);
  return signatureOfHashed(keys, weights);
}

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
