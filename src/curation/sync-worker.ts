// Runs one index sync in a worker thread, so the bot's event loop keeps answering while a changed corpus is parsed,
// embedded and written. The parent reads the published index afterwards.
import { parentPort, workerData } from "node:worker_threads";
import { configuredEmbeddings, sharedFeatureExtractor } from "../answer/open.js";
import { syncIndex } from "../retrieval/indexing.js";
import type { SyncJob, SyncWorkerMessage } from "./sync-off-thread.js";

const port = parentPort;
if (!port) throw new Error("sync-worker.ts runs only as a worker thread");
const post = (message: SyncWorkerMessage): void => port.postMessage(message);
const job = workerData as SyncJob;
try {
  const { report } = await syncIndex({
    corpusDir: job.corpusDir,
    indexDir: job.indexDir,
    embeddings: await configuredEmbeddings(job.models),
    extractor: sharedFeatureExtractor(),
    warn: (message) => post({ kind: "warn", message }),
  });
  post({ kind: "done", report });
} catch (error) {
  post({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
}
