import type { IdentifiedEmbeddings } from "../embedder.js";
import type { FeatureExtractor } from "../embeddings/features.js";
import { LocalEmbeddings } from "../embeddings/local-embeddings.js";
import { signatureOf, type Signature } from "../signatures.js";
import { FeatureThread } from "./feature-thread.js";
import { analysePassages } from "./passage-analysis.js";

export interface AnalysedPassages {
  /**
   * Typed arrays until each is inserted: as number[] (8 KB each), the batches waiting in the lookahead queue outlived
   * young-generation GCs and piled up in the old space (~80 MB more peak at 15k passages).
   */
  readonly vectors: readonly (Float32Array | number[])[];
  readonly signatures: readonly Signature[];
}

/** Turns passage texts into what indexing stores: vectors for the HNSW graph and centroids, signatures for reranking. */
export interface PassageAnalyser {
  analyse(texts: readonly string[]): Promise<AnalysedPassages>;
  /** How many batches to ask for ahead of the one being inserted. */
  readonly lookahead: number;
  close(): Promise<void>;
}

/** Below this many passages the thread's start-up (it opens its own WordNet, ~0.2 s) costs more than it saves. */
const THREAD_MIN_PASSAGES = 1000;
/**
 * Batches the feature thread may run ahead of insertion. Analysis is the slower side while the graph is small and
 * insertion once it is large; one batch ahead left each side idle in turn.
 */
const THREAD_LOOKAHEAD = 8;

/**
 * The standard local embedder's work is done in a worker thread when there is enough of it (and the compiled worker
 * exists); anything else (another embedder, a custom extractor) is analysed here, as it always was.
 */
export function passageAnalyser(embeddings: IdentifiedEmbeddings, extractor: FeatureExtractor, passages: number): PassageAnalyser {
  const local = embeddings instanceof LocalEmbeddings && embeddings.analysesWith(extractor);
  const thread = local && passages >= THREAD_MIN_PASSAGES ? FeatureThread.start(embeddings.dimensions) : undefined;
  if (thread) {
    return {
      analyse: (texts) => thread.analyse(texts),
      close: () => thread.close(),
      lookahead: THREAD_LOOKAHEAD,
    };
  }
  return {
    analyse: async (texts) => {
      if (local) return analysePassages(extractor, embeddings.dimensions, texts);
      const features = texts.map((text) => extractor.extract(text));
      const vectors = embeddings.embedFeatures ? features.map((f) => embeddings.embedFeatures!(f)) : await embeddings.embedDocuments([...texts]);
      return { vectors, signatures: features.map(signatureOf) };
    },
    close: () => Promise.resolve(),
    // Analysed here, synchronously: one batch ahead keeps each stretch without a yield to one batch's work.
    lookahead: 1,
  };
}
