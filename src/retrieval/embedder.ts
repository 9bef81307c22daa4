import type { EmbeddingsInterface } from "@langchain/core/embeddings";

/**
 * Any LangChain embeddings plus the identity the index manifest records, so vectors from two embedders (or two
 * sizes of one) are never mixed in one index.
 */
export interface IdentifiedEmbeddings extends EmbeddingsInterface {
  readonly id: string;
  readonly dimensions: number;
  /**
   * Present when the embedder builds vectors from the same features the reranker computes: indexing then hands
   * them over instead of analysing every passage twice.
   */
  embedFeatures?(features: ReadonlyMap<string, number>): number[];
}
