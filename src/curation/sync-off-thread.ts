import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { openEngine } from "../answer/open.js";
import type { ModelsConfig } from "../config/models.js";
import type { SyncReport } from "../retrieval/indexing.js";
import type { EngineOpener } from "./library.js";

export interface SyncJob {
  readonly corpusDir: string;
  readonly indexDir: string;
  /** Plain data, copied to the worker: it must embed with the same embedder as the engine that loads the result. */
  readonly models?: ModelsConfig;
}

export type SyncWorkerMessage =
  | { readonly kind: "warn"; readonly message: string }
  | { readonly kind: "done"; readonly report: SyncReport }
  | { readonly kind: "failed"; readonly message: string };

// From the TypeScript sources (tsx, vitest) the worker is a .ts file: a small bootstrap registers tsx's loader in the
// worker first (hooks registered in this thread do not reach workers). Compiled, it is plain .js.
const fromSources = import.meta.url.endsWith(".ts");
const WORKER_URL = new URL(fromSources ? "./sync-worker.ts" : "./sync-worker.js", import.meta.url);
// tsx's ESM API is located here: an eval'd worker resolves bare names from the working directory, which may be anywhere.
const TSX_BOOTSTRAP = fromSources
  ? `import(${JSON.stringify(tsxEsmApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); });`
  : "";

function tsxEsmApiUrl(): string {
  const packageJson = createRequire(import.meta.url).resolve("tsx/package.json");
  return pathToFileURL(path.join(path.dirname(packageJson), "dist", "esm", "api", "index.mjs")).href;
}

/**
 * Brings the index in `indexDir` up to date in a worker thread (parsing, embedding and writing the new generation off
 * the event loop) and resolves with what changed. A worker that crashes rejects; the published index is untouched.
 */
export function syncIndexOffThread(job: SyncJob, warn?: (message: string) => void): Promise<SyncReport> {
  return new Promise((resolve, reject) => {
    const worker = fromSources ? new Worker(TSX_BOOTSTRAP, { eval: true, workerData: job }) : new Worker(WORKER_URL, { workerData: job });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on("message", (message: SyncWorkerMessage) => {
      if (message.kind === "warn") warn?.(message.message);
      else if (message.kind === "done") settle(() => resolve(message.report));
      else settle(() => reject(new Error(`re-indexing failed: ${message.message}`)));
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) => settle(() => reject(new Error(`the re-indexing worker stopped early (exit code ${code})`))));
  });
}

/**
 * An engine opener for a running bot: the sync (the slow part) runs off the event loop, then the published index is
 * loaded here. The report is the worker's, which says what changed.
 */
export function offThreadOpener(job: SyncJob, warn?: (message: string) => void): EngineOpener {
  return async () => {
    const report = await syncIndexOffThread(job, warn);
    const { engine } = await openEngine({ ...job, ...(warn ? { warn } : {}) });
    return { engine, report };
  };
}
