import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./store/atomic-file.js";
import { decodeWithHeader, encodeWithHeader } from "./store/binary-file.js";

export const CENTROIDS_FILE = "centroids.bin";

/**
 * The sum of each document's passage vectors: a cheap picture of what the whole article is about. Questions are
 * usually about a story, not a sentence, so a passage from the article that best matches the question as a whole
 * should beat a passage of an unrelated document that happens to share a few words.
 */
export class DocumentCentroids {
  private readonly sums = new Map<string, Float32Array>();
  /** Each sum's length, computed when first needed after a change: questions only read the sums. */
  private readonly norms = new Map<string, number>();

  constructor(readonly dimensions: number) {}

  add(docId: string, vector: ArrayLike<number>): void {
    let sum = this.sums.get(docId);
    if (!sum) {
      sum = new Float32Array(this.dimensions);
      this.sums.set(docId, sum);
    }
    for (let i = 0; i < this.dimensions; i++) sum[i]! += vector[i] ?? 0;
    this.norms.delete(docId);
  }

  delete(docId: string): void {
    this.sums.delete(docId);
    this.norms.delete(docId);
  }

  has(docId: string): boolean {
    return this.sums.has(docId);
  }

  /** Cosine similarity of the query to each document's centroid. */
  similarities(query: readonly number[]): Map<string, number> {
    const out = new Map<string, number>();
    // Questions are sparse in the hashed space: only their non-zero dimensions can add to a dot product.
    const dims: number[] = [];
    const weights: number[] = [];
    query.forEach((value, i) => {
      if (value !== 0 && i < this.dimensions) {
        dims.push(i);
        weights.push(value);
      }
    });
    for (const [docId, sum] of this.sums) {
      let dot = 0;
      for (let j = 0; j < dims.length; j++) dot += sum[dims[j]!]! * weights[j]!;
      const norm = this.normOf(docId, sum);
      out.set(docId, norm > 0 ? dot / norm : 0);
    }
    return out;
  }

  private normOf(docId: string, sum: Float32Array): number {
    let norm = this.norms.get(docId);
    if (norm === undefined) {
      norm = 0;
      for (let i = 0; i < sum.length; i++) norm += sum[i]! * sum[i]!;
      norm = Math.sqrt(norm);
      this.norms.set(docId, norm);
    }
    return norm;
  }

  async save(directory: string): Promise<void> {
    const ids = [...this.sums.keys()];
    const header = { dimensions: this.dimensions, ids };
    await writeFileAtomic(path.join(directory, CENTROIDS_FILE), encodeWithHeader(header, ids.map((id) => this.sums.get(id)!)));
  }

  /** Throws if the file is missing or malformed: the caller rebuilds the index. */
  static async load(directory: string, dimensions: number): Promise<DocumentCentroids> {
    const file = decodeWithHeader<{ dimensions: number; ids: string[] }>(await readFile(path.join(directory, CENTROIDS_FILE)));
    const { header } = file;
    if (header.dimensions !== dimensions) throw new Error(`centroids have ${header.dimensions} dimensions, not ${dimensions}`);
    if (file.byteLength !== file.offset + header.ids.length * dimensions * 4) throw new Error("centroids file has the wrong size");
    const centroids = new DocumentCentroids(dimensions);
    header.ids.forEach((id, row) => {
      centroids.sums.set(id, new Float32Array(file.buffer, file.offset + row * dimensions * 4, dimensions));
    });
    return centroids;
  }
}
