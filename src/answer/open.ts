import { LocalEmbeddings } from "../retrieval/embeddings/local-embeddings.js";
import { FeatureExtractor } from "../retrieval/embeddings/features.js";
import { referenceIdf } from "../retrieval/embeddings/idf.js";
import { WordNet } from "../retrieval/embeddings/wordnet.js";
import type { IdentifiedEmbeddings } from "../retrieval/embedder.js";
import { HybridSearch, type PassageRecord } from "../retrieval/hybrid-search.js";
import { syncIndex, type SyncReport } from "../retrieval/indexing.js";
import { LexicalIndex } from "../retrieval/lexical/bm25.js";
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

let sharedWordNet: WordNet | undefined;

/** WordNet is read-only and costly to open, so every engine in the process shares one reader. */
function wordNet(): WordNet {
  sharedWordNet ??= WordNet.open();
  return sharedWordNet;
}

export function localEmbeddings(): LocalEmbeddings {
  return new LocalEmbeddings({ lexicon: wordNet() });
}

/** Syncs the index with the corpus and wires retrieval and summarising into an engine. */
export async function openEngine(options: OpenEngineOptions): Promise<{ engine: AnswerEngine; report: SyncReport }> {
  const embeddings = options.embeddings ?? localEmbeddings();
  const { store, articles, report } = await syncIndex({ ...options, embeddings });
  const catalog = new Map<string, PassageRecord>();
  for (const label of store.labels()) {
    const doc = store.documentOf(label);
    if (doc && isPassageMetadata(doc.metadata)) {
      const { passageId, docId, title, paragraph, chunk } = doc.metadata;
      catalog.set(passageId, { passageId, docId, title, paragraph, chunk, text: doc.pageContent });
    }
  }
  const lexical = new LexicalIndex();
  lexical.add([...catalog.values()].map((p) => ({ id: p.passageId, text: p.text, title: p.title })));
  const idf = referenceIdf();
  const scorer = new RelevanceScorer(new FeatureExtractor(wordNet(), idf), idf);
  const rerank = (query: string, passages: readonly PassageRecord[]): number[] => {
    const question = scorer.question(query);
    return passages.map((p) => scorer.similarity(question, scorer.text(`${p.title}.\n${p.text}`)));
  };
  const search = new HybridSearch(store, embeddings, lexical, catalog, { rerank, rerankShare: 0.5 });
  const summarizer = new ExtractiveSummarizer(scorer);
  return { engine: new AnswerEngine(search, summarizer, articles), report };
}
