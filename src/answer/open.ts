import type { DocumentInterface } from "@langchain/core/documents";
import { LocalEmbeddings } from "../retrieval/embeddings/local-embeddings.js";
import { DEFAULT_EXPANSION, FeatureExtractor } from "../retrieval/embeddings/features.js";
import { installedExpansions } from "../retrieval/embeddings/expansion-table.js";
import { referenceIdf } from "../retrieval/embeddings/idf.js";
import { defaultDictDir, WordNet } from "../retrieval/embeddings/wordnet.js";
import { corpusSpecificity, keySpecificity } from "../retrieval/corpus-weights.js";
import { UnmentionedNames, vocabularyOf, type Vocabulary } from "../retrieval/unmentioned-names.js";
import { KindsOf } from "../retrieval/kinds-of.js";
import { passageReranker } from "../retrieval/rerank.js";
import { CountryMetonyms } from "../retrieval/metonyms.js";
import { SpellingCorrector } from "../retrieval/spelling.js";
import { SoftMatcher, type WordVectorTable } from "../retrieval/semantic/soft-match.js";
import { installedWordVectors, type InstalledWordVectors } from "../retrieval/semantic/word-vectors.js";
import type { IdentifiedEmbeddings } from "../retrieval/embedder.js";
import { HybridSearch, type PassageRecord } from "../retrieval/hybrid-search.js";
import { prefetchIndex, syncIndex, type SyncReport } from "../retrieval/indexing.js";
import { isPassageMetadata } from "../retrieval/passage-document.js";
import { AnswerEngine } from "./engine.js";
import { ExtractiveSummarizer } from "./extractive.js";
import { reportsSpeech } from "./question-focus.js";
import { RelevanceScorer } from "../retrieval/relevance.js";
import { OFFLINE_MODELS, type ModelsConfig } from "../config/models.js";
import { LlmSummarizer } from "./llm/llm-summarizer.js";
import type { Summarizer } from "./summarizer.js";

export interface OpenEngineOptions {
  readonly corpusDir: string;
  readonly indexDir: string;
  /** Defaults to the embedder `models` names. */
  readonly embeddings?: IdentifiedEmbeddings;
  /** Which summarizer and embedder (`SUMMARIZER`, `EMBEDDINGS`); the offline ones when absent. */
  readonly models?: ModelsConfig;
  readonly onProgress?: (done: number, total: number) => void;
  /** Also where the LLM summarizer says why it fell back to the extractive summary. */
  readonly warn?: (message: string) => void;
  /** Defaults to the vectors built at install time; `null` matches words only by spelling and WordNet. */
  readonly wordVectors?: WordVectorTable | null;
}

/**
 * The configured embedder; a hosted one is reached once here, to learn its vector size. Hosted-model clients are
 * imported only when configured: loading the OpenAI client costs every offline CLI run over a second.
 */
export async function configuredEmbeddings(models: ModelsConfig = OFFLINE_MODELS): Promise<IdentifiedEmbeddings> {
  if (models.embeddings.kind === "local") return localEmbeddings();
  const { HostedEmbeddings } = await import("../retrieval/embeddings/hosted.js");
  return HostedEmbeddings.open(models.embeddings);
}

/**
 * A passage as the engine lists it, its text read through from the store, which decodes it when first asked for: a
 * question needs a few dozen of 15k. A class, so the getter is shared: an object literal with its own getter closure
 * per passage went to dictionary mode, ~0.5 KB each.
 */
class CatalogPassage implements PassageRecord {
  readonly #doc: DocumentInterface;

  constructor(
    readonly passageId: string,
    readonly docId: string,
    readonly title: string,
    readonly paragraph: number,
    readonly chunk: number,
    doc: DocumentInterface,
  ) {
    this.#doc = doc;
  }

  get text(): string {
    return this.#doc.pageContent;
  }
}

let sharedExtractor: FeatureExtractor | undefined;

/**
 * WordNet is read-only and costly to open, and the extractor caches every word's relations: every engine in the
 * process shares one, and the local embedder uses the same one as the reranker.
 */
export function sharedFeatureExtractor(): FeatureExtractor {
  sharedExtractor ??= new FeatureExtractor(WordNet.open(), referenceIdf(), DEFAULT_EXPANSION, installedExpansions(defaultDictDir()));
  return sharedExtractor;
}

export function localEmbeddings(): LocalEmbeddings {
  const extractor = sharedFeatureExtractor();
  return new LocalEmbeddings({ lexicon: extractor.lexicon, extractor });
}

/**
 * WordNet reads its index files (~8 MB with its lemma table) at the first lookup: a few words do it while the index
 * loads, instead of in the first answer. Only fills caches; results are unchanged.
 */
const WARM_UP_TEXT = "Troops moved quickly to defend the good harbour.";

function warmUp(extractor: FeatureExtractor): void {
  extractor.extract(WARM_UP_TEXT);
}

/** Syncs the index with the corpus and wires retrieval and summarising into an engine. */
export async function openEngine(options: OpenEngineOptions): Promise<{ engine: AnswerEngine; report: SyncReport }> {
  // The graph starts loading on a libuv thread before WordNet opens (~0.1 s, synchronous) and the corpus is checked.
  if (options.embeddings === undefined && (options.models ?? OFFLINE_MODELS).embeddings.kind === "local") {
    await prefetchIndex(options.indexDir);
  }
  // `null` turns them off on purpose: nothing to warn about then.
  let wordVectors: Promise<InstalledWordVectors | undefined> | undefined =
    options.wordVectors === undefined ? undefined : Promise.resolve(options.wordVectors === null ? undefined : { table: options.wordVectors });
  const extractor = sharedFeatureExtractor();
  const embeddings = options.embeddings ?? (await configuredEmbeddings(options.models));
  const { store, centroids, signatures, lexical, indexedAt, articles, report } = await syncIndex({
    ...options,
    embeddings,
    extractor,
    whileLoading: () => {
      wordVectors ??= installedWordVectors();
      warmUp(extractor);
    },
  });
  const catalog = new Map<string, PassageRecord>();
  for (const label of store.labels()) {
    const doc = store.documentOf(label);
    if (doc && isPassageMetadata(doc.metadata)) {
      const { passageId, docId, title, paragraph, chunk } = doc.metadata;
      catalog.set(passageId, new CatalogPassage(passageId, docId, title, paragraph, chunk, doc));
    }
  }
  // A thesaurus other than WordNet (a test's) may not know what nouns are kinds of.
  const kinds = extractor.lexicon instanceof WordNet ? new KindsOf(extractor.lexicon) : undefined;
  const corpusVocabulary: Vocabulary = { has: (stem) => lexical.documentFrequency(stem) > 0, stems: () => lexical.stems() };
  const unmentioned = new UnmentionedNames(corpusVocabulary, extractor.lexicon);
  // Read while a saved index loads, or only now when it was built instead: the vectors (13 MB) are not needed while
  // indexing, whose peak memory they would add to.
  const vectors = await (wordVectors ?? installedWordVectors());
  if (vectors && vectors.table === undefined) options.warn?.(vectors.problem);
  const soft = vectors?.table ? new SoftMatcher(vectors.table) : undefined;
  const search = new HybridSearch(store, embeddings, lexical, catalog, {
    rerank: passageReranker({ extractor, signatures, questionWeighting: corpusSpecificity(lexical), ...(soft ? { soft } : {}) }),
    rerankShare: 0.5,
    documentPrior: (vector) => centroids.similarities(vector),
    passageOverlap: (a, b) => signatures.overlap(a.passageId, b.passageId),
  });
  const scorer = new RelevanceScorer(extractor, referenceIdf(), keySpecificity(lexical), soft);
  const mentionsNames = (names: readonly string[], stems: ReadonlySet<string>): boolean =>
    new UnmentionedNames(vocabularyOf(stems), extractor.lexicon).unmentioned(names).length === 0;
  const reportsSpeechOf = (speakers: readonly string[], sentence: string): boolean =>
    reportsSpeech(sentence) && mentionsNames(speakers, scorer.text(sentence).stems);
  const extractive = new ExtractiveSummarizer(scorer, {
    unmentionedNames: (question) => unmentioned.in(question),
    mentionsNames,
    ...(kinds ? { namesKind: (kind: string, text: string) => kinds.namedIn(kind, text) } : {}),
    isCompound: (words) => extractor.lexicon.lookupPhrase(words) !== undefined,
  });
  const chosen = options.models?.summarizer ?? OFFLINE_MODELS.summarizer;
  let summarizer: Summarizer = extractive;
  if (chosen.kind === "llm") {
    const { openAiChatModel } = await import("./llm/chat-model.js");
    summarizer = new LlmSummarizer(openAiChatModel(chosen.llm), extractive, {
      timeoutMs: chosen.llm.timeoutMs,
      secrets: chosen.llm.apiKey !== undefined ? [chosen.llm.apiKey] : [],
      ...(options.warn ? { log: options.warn } : {}),
    });
  }
  const metonyms = new CountryMetonyms(extractor.lexicon);
  const spelling = vectors?.table ? spellingCorrector(vectors.table, extractor, corpusVocabulary, unmentioned) : undefined;
  const interpret = (question: string): string => metonyms.rewrite(spelling?.correct(question) ?? question);
  return { engine: new AnswerEngine(search, summarizer, articles, { indexedAt, interpret, reportsSpeechOf }), report };
}

/**
 * Mends misspelt question words towards the word vectors' common words that the corpus uses; without word vectors
 * there is no such list, and questions are read as typed.
 */
function spellingCorrector(table: WordVectorTable, extractor: FeatureExtractor, corpus: Vocabulary, names: UnmentionedNames): SpellingCorrector {
  return new SpellingCorrector({
    isKnown: (word) => table.find(word) !== undefined || extractor.lexicon.lookup(word) !== undefined,
    commonness: (word) => {
      const row = table.find(word);
      return row === undefined ? undefined : table.rank(row);
    },
    inCorpus: (stem) => corpus.has(stem),
    formInCorpus: (stem) => names.knowsStem(stem),
  });
}
