// Exact (brute-force) cosine search over a dense row-major matrix of unit vectors: the in-run baseline that the
// HNSW graph is measured against, for both recall and latency.

import { prng } from "./stats.js";

export interface DenseVectors {
  /** Row i is the unit vector of labels[i]. */
  readonly matrix: Float32Array;
  readonly labels: readonly number[];
  readonly dimensions: number;
}

export interface TopK {
  /** Row indices into the matrix, best first. */
  readonly rows: Int32Array;
  readonly scores: Float32Array;
}

/** Scales `v` to unit length into a new Float32Array (zero vectors stay zero). */
export function unit(v: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(v);
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}

/** Copies `count` vectors of `dimensions` floats, normalised, into one Float32Array. */
export function denseMatrix(count: number, dimensions: number, vectorOf: (i: number) => ArrayLike<number>): Float32Array {
  const matrix = new Float32Array(count * dimensions);
  for (let i = 0; i < count; i++) {
    const v = unit(vectorOf(i));
    if (v.length !== dimensions) throw new Error(`vector ${i} has ${v.length} dimensions, expected ${dimensions}`);
    matrix.set(v, i * dimensions);
  }
  return matrix;
}

export function dot(matrix: Float32Array, row: number, dimensions: number, query: Float32Array): number {
  let s = 0;
  const base = row * dimensions;
  for (let j = 0; j < dimensions; j++) s += matrix[base + j]! * query[j]!;
  return s;
}

/** The k rows with the highest dot product with `query` (a unit vector), by a full scan. */
export function exactTopK(matrix: Float32Array, dimensions: number, query: Float32Array, k: number): TopK {
  const count = matrix.length / dimensions;
  const want = Math.min(k, count);
  const rows = new Int32Array(want).fill(-1);
  const scores = new Float32Array(want).fill(-Infinity);
  for (let r = 0; r < count; r++) {
    const s = dot(matrix, r, dimensions, query);
    if (want === 0 || s <= scores[want - 1]!) continue;
    let i = want - 1;
    while (i > 0 && scores[i - 1]! < s) {
      scores[i] = scores[i - 1]!;
      rows[i] = rows[i - 1]!;
      i--;
    }
    scores[i] = s;
    rows[i] = r;
  }
  return { rows, scores };
}

/**
 * A fixed CPU workload (exact top-10 over a synthetic 2048 x 1024 matrix, 30 queries), timed in ms. Run at the
 * start and end of every scale: when it drifts, the machine was busier, and every other figure is suspect by as much.
 */
export function calibrate(): number {
  const dimensions = 1024;
  const rows = 2048;
  const random = prng(42);
  const matrix = denseMatrix(rows, dimensions, () => Array.from({ length: dimensions }, () => random() - 0.5));
  const queries = Array.from({ length: 30 }, () => unit(Array.from({ length: dimensions }, () => random() - 0.5)));
  exactTopK(matrix, dimensions, queries[0]!, 10); // let the JIT compile the loop first
  const started = performance.now();
  for (const q of queries) exactTopK(matrix, dimensions, q, 10);
  return performance.now() - started;
}
