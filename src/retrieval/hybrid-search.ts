import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import { contentTerms } from "./text/terms.js";
import { reciprocalRankFusion } from "./fusion.js";
import type { LexicalIndex } from "./lexical/bm25.js";
import { bagCosine, maximalMarginalRelevance } from "./mmr.js";
import { isPassageMetadata, type PassageMetadata } from "./passage-document.js";

export interface PassageRecord extends PassageMetadata {
  readonly text: string;
}

export interface SearchHit extends PassageRecord {
  /** Fused relevance in [0, 1]: 1 would be first in both the vector and the BM25 ranking. */
  readonly score: number;
  /** Cosine similarity to the question, when the vector search returned this passage. */
  readonly vectorScore?: number;
  /** BM25 score, when the lexical search returned this passage. */
  readonly lexicalScore?: number;
}

export interface HybridSearchOptions {
  /** How many candidates each ranking contributes before fusion. */
  readonly candidates?: number;
  readonly vectorWeight?: number;
  readonly lexicalWeight?: number;
  readonly mmrLambda?: number;
  /** Re-scores the fused candidates more precisely than either first-stage ranking can. */
  readonly rerank?: Reranker;
  /** Share of the final score that comes from the reranker; the rest is the fused first-stage rank. */
  readonly rerankShare?: number;
  /** Similarity of the query to each whole document; passages of the documents most about the question gain. */
  readonly documentPrior?: (queryVector: readonly number[]) => ReadonlyMap<string, number>;
  /** How much the document prior can lift a passage: its score is scaled by (1 + weight × share of the best). */
  readonly documentPriorWeight?: number;
  /** How much two passages say the same thing, for MMR; defaults to comparing their stems. */
  readonly passageOverlap?: (a: PassageRecord, b: PassageRecord) => number;
}

/** Returns a relevance in [0, 1] for each passage, in the order given. */
export type Reranker = (query: string, passages: readonly PassageRecord[]) => number[];


const RRF_K = 60;

/** Vector search and BM25 over the same passages, fused by reciprocal rank, then diversified (MMR). */
export class HybridSearch {
  private readonly bags = new Map<string, Map<string, number>>();

  constructor(
    private readonly store: VectorStoreInterface,
    private readonly embeddings: EmbeddingsInterface,
    private readonly lexical: LexicalIndex,
    private readonly catalog: ReadonlyMap<string, PassageRecord>,
    private readonly options: HybridSearchOptions = {},
  ) {}

  get passageCount(): number {
    return this.catalog.size;
  }

  passage(id: string): PassageRecord | undefined {
    return this.catalog.get(id);
  }

  async search(query: string, k: number): Promise<SearchHit[]> {
    const candidates = Math.max(this.options.candidates ?? 40, k);
    const vectorWeight = this.options.vectorWeight ?? 1;
    const lexicalWeight = this.options.lexicalWeight ?? 1;
    const queryVector = await this.embeddings.embedQuery(query);
    const vectorHits = await this.store.similaritySearchVectorWithScore(queryVector, candidates);
    const lexicalHits = this.lexical.query(query, candidates);

    const cosine = new Map<string, number>();
    const vectorRanked = vectorHits.flatMap(([doc, score]) => {
      if (!isPassageMetadata(doc.metadata)) return [];
      cosine.set(doc.metadata.passageId, score);
      return [{ key: doc.metadata.passageId, score }];
    });
    const bm25 = new Map(lexicalHits.map((h) => [h.id, h.score]));
    const fused = reciprocalRankFusion(
      [vectorRanked, lexicalHits.map((h) => ({ key: h.id, score: h.score }))],
      [vectorWeight, lexicalWeight],
      RRF_K,
    );
    const best = (vectorWeight + lexicalWeight) / (RRF_K + 1);
    const hits: SearchHit[] = fused.flatMap(({ key, fused: value }) => {
      const record = this.catalog.get(key);
      if (!record) return [];
      const vectorScore = cosine.get(key);
      const lexicalScore = bm25.get(key);
      return [
        {
          ...record,
          // Spelled out: a record may read its text through a getter, which spreading would not copy.
          text: record.text,
          score: value / best,
          ...(vectorScore !== undefined ? { vectorScore } : {}),
          ...(lexicalScore !== undefined ? { lexicalScore } : {}),
        },
      ];
    });
    const pool = this.withDocumentPrior(queryVector, this.rerank(query, hits.slice(0, candidates)));
    // MMR only needs a few more candidates than it keeps; comparing all of them pairwise is wasted work.
    return maximalMarginalRelevance(
      pool.slice(0, Math.max(3 * k, 12)),
      (h) => h.score,
      this.options.passageOverlap ?? ((a, b) => bagCosine(this.bagOf(a), this.bagOf(b))),
      k,
      this.options.mmrLambda ?? 0.75,
    );
  }

  private rerank(query: string, hits: SearchHit[]): SearchHit[] {
    const rerank = this.options.rerank;
    if (!rerank || hits.length === 0) return hits;
    const relevance = rerank(query, hits);
    const top = Math.max(...relevance, Number.EPSILON);
    const share = this.options.rerankShare ?? 0.8;
    return hits
      .map((hit, i) => ({ ...hit, score: share * ((relevance[i] ?? 0) / top) + (1 - share) * hit.score }))
      .sort((a, b) => b.score - a.score);
  }

  private withDocumentPrior(queryVector: readonly number[], hits: SearchHit[]): SearchHit[] {
    const prior = this.options.documentPrior?.(queryVector);
    if (!prior || hits.length === 0) return hits;
    const weight = this.options.documentPriorWeight ?? 2;
    const best = Math.max(...prior.values(), Number.EPSILON);
    return hits
      .map((hit) => ({ ...hit, score: (hit.score * (1 + weight * Math.max(0, (prior.get(hit.docId) ?? 0) / best))) / (1 + weight) }))
      .sort((a, b) => b.score - a.score);
  }

  private bagOf(passage: PassageRecord): Map<string, number> {
    let bag = this.bags.get(passage.passageId);
    if (!bag) {
      bag = new Map();
      for (const term of contentTerms(passage.text)) bag.set(term.stem, (bag.get(term.stem) ?? 0) + 1);
      if (this.bags.size > 50_000) this.bags.clear();
      this.bags.set(passage.passageId, bag);
    }
    return bag;
  }
}
