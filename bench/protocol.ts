// What the benchmark processes hand each other: the cold-start child prints one marked JSON line, each scale child
// writes one ScaleResult file, and the parent aggregates them into bench/results.json.

import type { BuildComparison } from "./hnswlib-builds.js";
import type { RecallResult } from "./recall.js";
import type { Percentiles } from "./stats.js";

export const COLD_START_MARKER = "BENCH_COLD_START ";
export const INGEST_MARKER = "BENCH_INGEST ";

/** What the ingest child (bench/ingest.ts) reports. */
export interface IngestChildResult {
  readonly wallS: number;
  /** CPU seconds of the whole process, both threads. */
  readonly cpuS: number;
  readonly syncS: number;
  readonly documents: number;
  readonly passages: number;
  readonly maxRssMb: number;
  /** Main thread only (the feature thread is not sampled). */
  readonly profile?: PhaseProfile;
}

export interface ColdStartTimings {
  /** ms from process start until the script ran: node boot (and the module loader). */
  readonly bootMs: number;
  /** Loading (and transpiling) the engine's module graph. */
  readonly importMs: number;
  /** openEngine on the built index: corpus scan and hashing, index load, catalog and BM25 build. */
  readonly openMs: number;
  /** The part of openMs spent in syncIndex (corpus load, manifest check, HNSW + docstore load). */
  readonly syncMs: number;
  readonly firstAnswerMs: number;
  /** ms from process start to the answer. */
  readonly totalMs: number;
  readonly maxRssMb: number;
  readonly passages: number;
  /** Set when the index was rebuilt instead of loaded, which makes the figures meaningless. */
  readonly rebuilt: string | null;
  readonly abstained: boolean;
  readonly citations: number;
}

export interface ColdStartRun extends ColdStartTimings {
  /** Spawn to exit, timed by the parent. */
  readonly wallMs: number;
}

export interface HotFunction {
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

export interface PhaseProfile {
  readonly file: string;
  readonly sampledMs: number;
  readonly bySelf: readonly HotFunction[];
  readonly byTotal: readonly HotFunction[];
}

export interface ScaleResult {
  readonly scale: number;
  readonly documents: number;
  readonly passages: number;
  readonly corpus: { readonly files: number; readonly mb: number; readonly writeMs: number };
  readonly ingest: {
    /** openEngine on an empty index dir, in a fresh compiled process: embed + HNSW insert + save, then catalog. */
    readonly wallS: number;
    /** Both threads' CPU seconds. */
    readonly cpuS: number;
    /** The syncIndex part of wallS (embedding, HNSW insertion, writing the generation). */
    readonly syncS: number;
    readonly passagesPerS: number;
    /** Sum of the files in the published generation folder. */
    readonly indexMb: number;
    readonly indexFiles: Readonly<Record<string, number>>;
  };
  readonly coldStart: {
    /** The breakdown script (bench/cold-start.ts, compiled like the CLI): phases of opening and first answer. */
    readonly runs: readonly ColdStartRun[];
    /** Whether bin/sitrep.mjs ran the compiled dist/ (false: it fell back to tsx, and the figure says so). */
    readonly cliFromDist: boolean;
    /** `sitrep ask --json` spawn to exit, per run: the figure held against the target. */
    readonly cliWallMs: readonly number[];
    readonly wallMsMedian: number;
    readonly wallMsMin: number;
    readonly breakdownWallMsMedian: number;
    /** Why the cold-start runs stopped early, if they did (the rest of the scale is still measured). */
    readonly error?: string;
  };
  /** The first (untimed warm-up) ask in the benchmark process: lazy caches filling. */
  readonly firstAskMs: number;
  readonly ask: Percentiles;
  readonly search: Percentiles;
  /** Quality of the first pass over the eval questions, as a check that speed was not bought with wrong answers. */
  readonly quality: {
    readonly answerable: number;
    readonly goldCited: number;
    readonly unanswerable: number;
    readonly unanswerableAbstained: number;
  };
  readonly storeLoadMs: number;
  readonly recall: RecallResult;
  /** Eval questions searched on the same graph with the hnswlib build loaded and with npm's portable one. */
  readonly hnswlibBuilds: BuildComparison;
  readonly rssMb: {
    /** Peak of the ingest process. */
    readonly afterIngest: number;
    /**
     * The higher of the ingest process's peak and the serving process's peak (open, timed ask/search loops): the
     * figure held against the target.
     */
    readonly afterServe: number;
    /** Peak including the recall phase (a second copy of the vectors, as a dense matrix and a reloaded store). */
    readonly final: number;
    /** Peak of the median cold-start child: open the built index and answer once. */
    readonly coldStartChild: number;
  };
  readonly calibrationMs: { readonly start: number; readonly end: number };
  readonly loadAverage: { readonly start: number; readonly end: number };
  readonly profiled: boolean;
  readonly profiles?: { readonly ingest?: PhaseProfile; readonly coldStart?: PhaseProfile; readonly ask?: PhaseProfile };
  readonly seconds: number;
}
