import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { localEmbeddings, sharedFeatureExtractor } from "../../../src/answer/open.js";
import { analysePassages } from "../../../src/retrieval/analysis/passage-analysis.js";
import { hash32 } from "../../../src/retrieval/embeddings/hashing.js";
import { SIGNATURE_FEATURES } from "../../../src/retrieval/signatures.js";

const SEED = fileURLToPath(new URL("../../../corpus/north-korean-troops-in-russias-war.txt", import.meta.url));
const paragraphs = readFileSync(SEED, "utf8").split("\n").filter((l) => l.trim() !== "");
// One text long enough to have more features than a signature keeps.
const texts = [...paragraphs, paragraphs.join(" ")];

/** The signature by its definition: the heaviest features (earlier first among equals), then ordered by key. */
function referenceSignature(features: ReadonlyMap<string, number>) {
  let norm = 0;
  for (const w of features.values()) norm += w * w;
  const top = [...features]
    .sort((a, b) => b[1] - a[1])
    .slice(0, SIGNATURE_FEATURES)
    .map(([f, w]) => [hash32(f), w] as const)
    .sort((a, b) => a[0] - b[0]);
  return { keys: Uint32Array.from(top, ([k]) => k), weights: Float32Array.from(top, ([, w]) => w), norm: Math.sqrt(norm) };
}

describe("analysePassages (what indexing stores per passage, in either thread)", () => {
  const extractor = sharedFeatureExtractor();
  const analysed = analysePassages(extractor, 1024, texts);

  it("GIVEN passages THEN each vector is exactly the local embedder's vector of the same text", async () => {
    const expected = await localEmbeddings().embedDocuments(texts);
    expect(analysed.vectors.map((v) => Array.from(v))).toEqual(expected);
  });

  it("GIVEN passages, one with more features than a signature keeps THEN each signature is the heaviest features sorted by key", () => {
    expect(extractor.extract(texts.at(-1)!).size).toBeGreaterThan(SIGNATURE_FEATURES);
    texts.forEach((text, i) => expect(analysed.signatures[i]).toEqual(referenceSignature(extractor.extract(text))));
  });
});
