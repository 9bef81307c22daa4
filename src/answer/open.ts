import { LocalEmbeddings } from "../retrieval/embeddings/local-embeddings.js";
import { FeatureExtractor } from "../retrieval/embeddings/features.js";
import { referenceIdf } from "../retrieval/embeddings/idf.js";
import { WordNet } from "../retrieval/embeddings/wordnet.js";
import { querySignature } from "../retrieval/signatures.js";
import type { IdentifiedEmbeddings } from "../retrieval/embedder.js";
import { HybridSearch, type PassageRecord } from "../retrieval/hybrid-search.js";
import { syncIndex, type SyncReport } from "../retrieval/indexing.js";
import { isPassageMetadata } from "../retrieval/passage-document.js";
import { AnswerEngine } from "./engine.js";
import { ExtractiveSummarizer } from "./extractive.js";
import { RelevanceScorer } from "../retrieval/relevance.js";

export interface OpenEngineOptions {
  readonly corpusDir: string;
  readonly indexDir: string;
  /** Defaults to the offline local embedder. */
  readonly embeddings?: IdentifiedEmbeddings;
  readonly onProgress?: (done: number, total: number) => void;
  readonly warn?: (message: string) => void;
}

let sharedExtractor: FeatureExtractor | undefined;

/**
 * WordNet is read-only and costly to open, and the extractor caches every word's relations: every engine in the
 * process shares one, and the local embedder uses the same one as the reranker.
 */
export function sharedFeatureExtractor(): FeatureExtractor {
  sharedExtractor ??= new FeatureExtractor(WordNet.open(), referenceIdf());
  return sharedExtractor;
}

export function localEmbeddings(): LocalEmbeddings {
  const extractor = sharedFeatureExtractor();
  return new LocalEmbeddings({ lexicon: extractor.lexicon, extractor });
}

/** Syncs the index with the corpus and wires retrieval and summarising into an engine. */
export async function openEngine(options: OpenEngineOptions): Promise<{ engine: AnswerEngine; report: SyncReport }> {
  const extractor = sharedFeatureExtractor();
  const embeddings = options.embeddings ?? localEmbeddings();
  const { store, centroids, signatures, lexical, indexedAt, articles, report } = await syncIndex({ ...options, embeddings, extractor });
  const catalog = new Map<string, PassageRecord>();
  for (const label of store.labels()) {
    const doc = store.documentOf(label);
    if (doc && isPassageMetadata(doc.metadata)) {
      const { passageId, docId, title, paragraph, chunk } = doc.metadata;
      catalog.set(passageId, { passageId, docId, title, paragraph, chunk, text: doc.pageContent });
    }
  }
  const search = new HybridSearch(store, embeddings, lexical, catalog, {
    rerank: (query, passages) => {
      const question = querySignature(extractor.extract(query));
      return passages.map((p) => signatures.cosine(question, p.passageId));
    },
    rerankShare: 0.5,
    documentPrior: (vector) => centroids.similarities(vector),
    passageOverlap: (a, b) => signatures.overlap(a.passageId, b.passageId),
  });
  const summarizer = new ExtractiveSummarizer(new RelevanceScorer(extractor, referenceIdf()));
  return { engine: new AnswerEngine(search, summarizer, articles, indexedAt), report };
}
