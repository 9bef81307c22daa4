// ANN recall@k of the hnswlib store against exact brute-force cosine over the very vectors the store holds, and the
// latency of both searches over the same queries.

import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { DocumentInterface } from "@langchain/core/documents";
import type { HnswStore } from "../src/retrieval/store/hnsw-store.js";
import { denseMatrix, dot, exactTopK, unit } from "./exact.js";
import { MB, percentiles, prng, type Percentiles } from "./stats.js";

export interface RecallOptions {
  readonly k: number;
  /** Total query vectors: eval questions first, then the text of random stored passages. */
  readonly queries: number;
  readonly warmup: number;
  readonly seed: number;
}

export interface RecallResult {
  readonly k: number;
  readonly queries: number;
  readonly questionQueries: number;
  readonly passageQueries: number;
  /**
   * Share of HNSW hits scoring at least the exact k-th best score. Counts any of several identical vectors (the x4 and
   * x16 corpora repeat every speech) as a hit, which plain label overlap would not.
   */
  readonly recall: number;
  /** Plain |HNSW top-k ∩ exact top-k| / k by label; lower than `recall` only when tied duplicates exist. */
  readonly labelRecall: number;
  /** The worst single query's (tie-aware) recall. */
  readonly worstQuery: number;
  readonly hnswMs: Percentiles;
  readonly exactMs: Percentiles;
  readonly matrixMb: number;
  readonly matrixBuildMs: number;
}

const TIE = 1e-5;

export async function measureRecall(
  store: HnswStore,
  embeddings: EmbeddingsInterface,
  questions: readonly string[],
  options: RecallOptions,
): Promise<RecallResult> {
  const labels = store.labels();
  const first = labels[0];
  if (first === undefined) throw new Error("the store is empty");
  const dimensions = store.vectorOf(first).length;

  const builtAt = performance.now();
  const matrix = denseMatrix(labels.length, dimensions, (i) => store.vectorOf(labels[i]!));
  const matrixBuildMs = performance.now() - builtAt;
  const rowOf = new Map<DocumentInterface, number>();
  labels.forEach((label, row) => {
    const doc = store.documentOf(label);
    if (doc) rowOf.set(doc, row);
  });

  const questionTexts = questions.slice(0, options.queries);
  const random = prng(options.seed);
  const passageTexts: string[] = [];
  while (questionTexts.length + passageTexts.length < options.queries) {
    const label = labels[Math.floor(random() * labels.length)]!;
    passageTexts.push(store.documentOf(label)?.pageContent ?? "");
  }
  const raw = await Promise.all([...questionTexts, ...passageTexts].map((t) => embeddings.embedQuery(t)));
  const queries = raw.map((v) => ({ raw: v, unit: unit(v) }));

  // Warm both paths so neither pays for first-call JIT or page faults in its timed loop.
  for (const q of queries.slice(0, options.warmup)) {
    await store.similaritySearchVectorWithScore(q.raw, options.k);
    exactTopK(matrix, dimensions, q.unit, options.k);
  }

  const hnswMs: number[] = [];
  const hnswRows: number[][] = [];
  for (const q of queries) {
    const started = performance.now();
    const hits = await store.similaritySearchVectorWithScore(q.raw, options.k);
    hnswMs.push(performance.now() - started);
    hnswRows.push(hits.map(([doc]) => rowOf.get(doc) ?? -1));
  }

  const exactMs: number[] = [];
  let recallSum = 0;
  let labelRecallSum = 0;
  let worstQuery = 1;
  queries.forEach((q, i) => {
    const started = performance.now();
    const exact = exactTopK(matrix, dimensions, q.unit, options.k);
    exactMs.push(performance.now() - started);
    const want = exact.rows.length;
    const kth = exact.scores[want - 1] ?? -Infinity;
    const exactRows = new Set(exact.rows);
    const found = hnswRows[i] ?? [];
    // Re-score HNSW's hits with the same float32 arithmetic as the scan, so ties compare exactly.
    const tieHits = found.filter((row) => row >= 0 && dot(matrix, row, dimensions, q.unit) >= kth - TIE).length;
    const labelHits = found.filter((row) => exactRows.has(row)).length;
    const recall = Math.min(1, tieHits / Math.max(1, want));
    recallSum += recall;
    labelRecallSum += labelHits / Math.max(1, want);
    worstQuery = Math.min(worstQuery, recall);
  });

  return {
    k: options.k,
    queries: queries.length,
    questionQueries: questionTexts.length,
    passageQueries: passageTexts.length,
    recall: recallSum / queries.length,
    labelRecall: labelRecallSum / queries.length,
    worstQuery,
    hnswMs: percentiles(hnswMs),
    exactMs: percentiles(exactMs),
    matrixMb: matrix.byteLength / MB,
    matrixBuildMs,
  };
}
