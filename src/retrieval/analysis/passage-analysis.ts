import type { FeatureExtractor } from "../embeddings/features.js";
import { hash32, normalize } from "../embeddings/hashing.js";
import { signatureOfHashed, type Signature } from "../signatures.js";

/** What indexing needs of each passage's text: its vector (as the local embedder makes it) and its signature. */
export interface AnalysedBatch {
  readonly vectors: Float32Array[];
  readonly signatures: Signature[];
}

/**
 * The same work in the calling thread or in the feature thread: one feature extraction and one hash per feature serve
 * both outputs. The vector is exactly hashToVector's (same features, same order, same arithmetic).
 */
export function analysePassages(extractor: FeatureExtractor, dimensions: number, texts: readonly string[]): AnalysedBatch {
  const vectors: Float32Array[] = [];
  const signatures: Signature[] = [];
  for (const text of texts) {
    const features = extractor.extract(text);
    const keys = new Uint32Array(features.size);
    const weights = new Float64Array(features.size);
    const vector = new Float32Array(dimensions);
    let i = 0;
    for (const [feature, weight] of features) {
      const h = hash32(feature);
      keys[i] = h;
      weights[i++] = weight;
      vector[h % dimensions]! += (h & 0x80000000 ? -1 : 1) * weight;
    }
    vectors.push(normalize(vector));
    signatures.push(signatureOfHashed(keys, weights));
  }
  return { vectors, signatures };
}
