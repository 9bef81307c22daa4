import { readFile } from "node:fs/promises";
import path from "node:path";
import { hash32 } from "./embeddings/hashing.js";
import { writeFileAtomic } from "./store/atomic-file.js";
import { decodeWithHeader, encodeWithHeader } from "./store/binary-file.js";

export const SIGNATURES_FILE = "signatures.bin";
/** Features kept per passage: the heaviest ones carry nearly all of a passage's cosine with any question. */
export const SIGNATURE_FEATURES = 512;

interface Signature {
  readonly keys: Uint32Array;
  readonly weights: Float32Array;
  /** Length of the passage's full (untruncated) feature vector, so cosines keep their true scale. */
  readonly norm: number;
}

/** A question's features, keyed like the signatures, ready to be compared with many passages. */
export interface QuerySignature {
  readonly weights: ReadonlyMap<number, number>;
  readonly norm: number;
}

export function querySignature(features: ReadonlyMap<string, number>): QuerySignature {
  const weights = new Map<number, number>();
  let norm = 0;
  for (const [feature, weight] of features) {
    const key = hash32(feature);
    weights.set(key, (weights.get(key) ?? 0) + weight);
    norm += weight * weight;
  }
  return { weights, norm: Math.sqrt(norm) };
}

/**
 * The exact (unhashed into few dimensions) WordNet-expanded features of every passage, cut to the heaviest few and
 * saved with the index, so re-scoring 40 candidates costs a few thousand lookups instead of re-analysing their text.
 */
export class PassageSignatures {
  private readonly byPassage = new Map<string, Signature>();

  set(passageId: string, features: ReadonlyMap<string, number>): void {
    let norm = 0;
    for (const weight of features.values()) norm += weight * weight;
    // Kept sorted by key, so two signatures compare by a merge instead of building a lookup table.
    const top = [...features]
      .sort((a, b) => b[1] - a[1])
      .slice(0, SIGNATURE_FEATURES)
      .map(([feature, weight]) => [hash32(feature), weight] as const)
      .sort((a, b) => a[0] - b[0]);
    this.byPassage.set(passageId, {
      keys: Uint32Array.from(top, ([key]) => key),
      weights: Float32Array.from(top, ([, weight]) => weight),
      norm: Math.sqrt(norm),
    });
  }

  deleteDocument(docId: string): void {
    for (const id of this.byPassage.keys()) if (id.startsWith(`${docId}#`)) this.byPassage.delete(id);
  }

  get size(): number {
    return this.byPassage.size;
  }

  cosine(query: QuerySignature, passageId: string): number {
    const signature = this.byPassage.get(passageId);
    if (!signature || signature.norm === 0 || query.norm === 0) return 0;
    let dot = 0;
    for (let i = 0; i < signature.keys.length; i++) dot += (query.weights.get(signature.keys[i]!) ?? 0) * signature.weights[i]!;
    return dot / (signature.norm * query.norm);
  }

  /** Cosine of two passages' signatures: how much they say the same thing (for diversifying results). */
  overlap(a: string, b: string): number {
    const x = this.byPassage.get(a);
    const y = this.byPassage.get(b);
    if (!x || !y || x.norm === 0 || y.norm === 0) return 0;
    let dot = 0;
    for (let i = 0, j = 0; i < x.keys.length && j < y.keys.length; ) {
      const a = x.keys[i]!;
      const b = y.keys[j]!;
      if (a === b) dot += x.weights[i++]! * y.weights[j++]!;
      else if (a < b) i++;
      else j++;
    }
    return dot / (x.norm * y.norm);
  }

  async save(directory: string): Promise<void> {
    const ids = [...this.byPassage.keys()];
    const all = ids.map((id) => this.byPassage.get(id)!);
    const header = ids.map((id, i) => [id, all[i]!.keys.length, all[i]!.norm] as const);
    await writeFileAtomic(path.join(directory, SIGNATURES_FILE), encodeWithHeader(header, [...all.map((s) => s.keys), ...all.map((s) => s.weights)]));
  }

  /** Throws if the file is missing or malformed: the caller rebuilds the index. */
  static async load(directory: string): Promise<PassageSignatures> {
    const file = decodeWithHeader<[string, number, number][]>(await readFile(path.join(directory, SIGNATURES_FILE)));
    const total = file.header.reduce((sum, [, count]) => sum + count, 0);
    if (file.byteLength !== file.offset + total * 8) throw new Error("signatures file has the wrong size");
    const keys = new Uint32Array(file.buffer, file.offset, total);
    const weights = new Float32Array(file.buffer, file.offset + total * 4, total);
    const signatures = new PassageSignatures();
    let at = 0;
    for (const [id, count, norm] of file.header) {
      signatures.byPassage.set(id, { keys: keys.subarray(at, at + count), weights: weights.subarray(at, at + count), norm });
      at += count;
    }
    return signatures;
  }
}
