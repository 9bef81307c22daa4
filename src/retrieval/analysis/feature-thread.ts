import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { AnalysedBatch } from "./passage-analysis.js";

/**
 * The thread's young generation: V8's default on a machine with this much memory (48 MB) kept the thread's heap
 * ~25 MB larger at a 15k-passage ingest's peak, for no faster analysis; 12 MB promoted more and was slower.
 */
const YOUNG_GENERATION_MB = 24;

export interface AnalyseRequest {
  readonly id: number;
  readonly texts: readonly string[];
}

export interface AnalyseResponse extends AnalysedBatch {
  readonly id: number;
}

/**
 * Passage analysis (feature extraction, hashing, signatures: ~40% of indexing) in a worker thread, so it runs on the
 * second core while the calling thread inserts the previous batch into the HNSW graph, and so a bot that re-indexes
 * keeps more of its event loop. Only the compiled build has the worker's .js file; under tsx (development, tests)
 * `start` returns undefined and indexing analyses in its own thread.
 */
export class FeatureThread {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (batch: AnalysedBatch) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (response: AnalyseResponse) => {
      this.waiting.get(response.id)?.resolve(response);
      this.waiting.delete(response.id);
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`the feature thread exited with code ${code}`)));
  }

  static start(dimensions: number): FeatureThread | undefined {
    const entry = new URL("./feature-worker.js", import.meta.url);
    if (!import.meta.url.endsWith(".js") || !existsSync(fileURLToPath(entry))) return undefined;
    try {
      return new FeatureThread(new Worker(entry, { workerData: { dimensions }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
    } catch {
      return undefined;
    }
  }

  analyse(texts: readonly string[]): Promise<AnalysedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, texts } satisfies AnalyseRequest);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error("the feature thread was closed");
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(this.failure);
    this.waiting.clear();
  }
}
