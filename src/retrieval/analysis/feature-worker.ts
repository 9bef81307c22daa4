// Entry point of the feature thread (see feature-thread.ts): analyses batches of passage texts with its own WordNet
// and the reference IDF, exactly as the standard extractor of the main thread would.
import { parentPort, workerData } from "node:worker_threads";
import { FeatureExtractor } from "../embeddings/features.js";
import { referenceIdf } from "../embeddings/idf.js";
import { WordNet } from "../embeddings/wordnet.js";
import { COLLECT_EVERY, collectGarbage } from "./full-collection.js";
import { analysePassages } from "./passage-analysis.js";
import type { AnalyseRequest, AnalyseResponse } from "./feature-thread.js";

const { dimensions } = workerData as { dimensions: number };
// WordNet's data files stay on disk (22 MB less at an ingest's peak). Reading synsets through a descriptor costs this
// thread ~10% more CPU over 15k passages, which its lead over insertion absorbs: ingest took as long in interleaved
// runs, and the results are identical.
const extractor = new FeatureExtractor(WordNet.open(), referenceIdf());

let analysed = 0;

parentPort?.on("message", ({ id, texts }: AnalyseRequest) => {
  const { vectors, signatures } = analysePassages(extractor, dimensions, texts);
  const response: AnalyseResponse = { id, vectors, signatures };
  const buffers = [...vectors.map((v) => v.buffer), ...signatures.flatMap((s) => [s.keys.buffer, s.weights.buffer])];
  parentPort?.postMessage(response, buffers as ArrayBuffer[]);
  if (++analysed % COLLECT_EVERY === 0) collectGarbage();
});
