// ANN recall@k of the hnswlib store against exact brute-force cosine over the very vectors the store holds, and the
// latency of both searches over the same queries; optionally at other efSearch values, to show what recall costs.

import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { HnswStore } from "../src/retrieval/store/hnsw-store.js";
import { denseMatrix, dot, exactTopK, unit, type TopK } from "./exact.js";
import { MB, percentiles, prng, type Percentiles } from "./stats.js";

export interface RecallOptions {
  readonly k: number;
  /** Total query vectors: eval questions first, then the text of random stored passages. */
  readonly queries: number;
  readonly warmup: number;
  readonly seed: number;
  /** Further efSearch values to measure, each on a store loaded with it (the first store keeps its default). */
  readonly efSweep: readonly number[];
}

export interface HnswRecall {
  /** undefined: the store's default, as the engine uses it. */
  readonly efSearch: number | undefined;
  /**
   * Share of HNSW hits scoring at least the exact k-th best score. Counts any of several identical vectors (the x4 and
   * x16 corpora repeat every speech) as a hit, which plain label overlap would not.
   */
  readonly recall: number;
  /** Tie-aware recall over the eval-question queries alone, then over the passage-text queries alone. */
  readonly questionRecall: number;
  readonly passageRecall: number;
  /** Plain |HNSW top-k ∩ exact top-k| / k by passage; lower than `recall` only when tied duplicates exist. */
  readonly labelRecall: number;
  /** The worst single query's (tie-aware) recall. */
  readonly worstQuery: number;
  readonly hnswMs: Percentiles;
}

export interface RecallResult extends HnswRecall {
  readonly k: number;
  readonly queries: number;
  readonly questionQueries: number;
  readonly passageQueries: number;
  readonly exactMs: Percentiles;
  readonly matrixMb: number;
  readonly matrixBuildMs: number;
  readonly storeLoadMs: number;
  readonly sweep: readonly HnswRecall[];
}

interface Query {
  readonly raw: number[];
  readonly unit: Float32Array;
}

const TIE = 1e-5;

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : Number.NaN;
}

function passageIdOf(metadata: Record<string, unknown>): string | undefined {
  return typeof metadata.passageId === "string" ? metadata.passageId : undefined;
}

/** Times k-NN searches on `store` and scores them against the exact results. */
async function scoreStore(
  store: HnswStore,
  efSearch: number | undefined,
  queries: readonly Query[],
  exact: readonly TopK[],
  matrix: Float32Array,
  dimensions: number,
  rowOf: ReadonlyMap<string, number>,
  /** Queries before this index are eval questions, the rest passage texts. */
  split: number,
  options: RecallOptions,
): Promise<HnswRecall> {
  for (const q of queries.slice(0, options.warmup)) await store.similaritySearchVectorWithScore(q.raw, options.k);
  const hnswMs: number[] = [];
  const perQuery: number[] = [];
  let labelRecallSum = 0;
  for (const [i, q] of queries.entries()) {
    const started = performance.now();
    const hits = await store.similaritySearchVectorWithScore(q.raw, options.k);
    hnswMs.push(performance.now() - started);
    const rows = hits.map(([doc]) => rowOf.get(passageIdOf(doc.metadata) ?? "") ?? -1);
    const truth = exact[i]!;
    const want = truth.rows.length;
    const kth = truth.scores[want - 1] ?? -Infinity;
    const exactRows = new Set(truth.rows);
    // Re-score HNSW's hits with the same float32 arithmetic as the scan, so ties compare exactly.
    const tieHits = rows.filter((row) => row >= 0 && dot(matrix, row, dimensions, q.unit) >= kth - TIE).length;
    perQuery.push(Math.min(1, tieHits / Math.max(1, want)));
    labelRecallSum += rows.filter((row) => exactRows.has(row)).length / Math.max(1, want);
  }
  return {
    efSearch,
    recall: mean(perQuery),
    questionRecall: mean(perQuery.slice(0, split)),
    passageRecall: mean(perQuery.slice(split)),
    labelRecall: labelRecallSum / queries.length,
    worstQuery: Math.min(...perQuery),
    hnswMs: percentiles(hnswMs),
  };
}

export async function measureRecall(
  loadStore: (efSearch?: number) => Promise<HnswStore>,
  embeddings: EmbeddingsInterface,
  questions: readonly string[],
  options: RecallOptions,
): Promise<RecallResult> {
  const loadedAt = performance.now();
  const store = await loadStore();
  const storeLoadMs = performance.now() - loadedAt;
  const labels = store.labels();
  const first = labels[0];
  if (first === undefined) throw new Error("the store is empty");
  const dimensions = store.vectorOf(first).length;

  const builtAt = performance.now();
  const matrix = denseMatrix(labels.length, dimensions, (i) => store.vectorOf(labels[i]!));
  const matrixBuildMs = performance.now() - builtAt;
  const rowOf = new Map<string, number>();
  labels.forEach((label, row) => {
    const id = passageIdOf(store.documentOf(label)?.metadata ?? {});
    if (id !== undefined) rowOf.set(id, row);
  });

  const questionTexts = questions.slice(0, options.queries);
  const random = prng(options.seed);
  const passageTexts: string[] = [];
  while (questionTexts.length + passageTexts.length < options.queries) {
    const label = labels[Math.floor(random() * labels.length)]!;
    passageTexts.push(store.documentOf(label)?.pageContent ?? "");
  }
  const raw = await Promise.all([...questionTexts, ...passageTexts].map((t) => embeddings.embedQuery(t)));
  const queries: Query[] = raw.map((v) => ({ raw: v, unit: unit(v) }));

  // The exact baseline, once: warm the scan first so its timed loop pays no JIT or page faults.
  for (const q of queries.slice(0, options.warmup)) exactTopK(matrix, dimensions, q.unit, options.k);
  const exactMs: number[] = [];
  const exact = queries.map((q) => {
    const started = performance.now();
    const top = exactTopK(matrix, dimensions, q.unit, options.k);
    exactMs.push(performance.now() - started);
    return top;
  });

  const split = questionTexts.length;
  const main = await scoreStore(store, undefined, queries, exact, matrix, dimensions, rowOf, split, options);
  const sweep: HnswRecall[] = [];
  for (const ef of options.efSweep) {
    sweep.push(await scoreStore(await loadStore(ef), ef, queries, exact, matrix, dimensions, rowOf, split, options));
  }

  return {
    ...main,
    k: options.k,
    queries: queries.length,
    questionQueries: questionTexts.length,
    passageQueries: passageTexts.length,
    exactMs: percentiles(exactMs),
    matrixMb: matrix.byteLength / MB,
    matrixBuildMs,
    storeLoadMs,
    sweep,
  };
}
