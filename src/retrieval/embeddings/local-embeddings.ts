import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { FeatureExtractor } from "./features.js";
import { hashToVector } from "./hashing.js";
import { referenceIdf, type IdfTable } from "./idf.js";
import type { Lexicon } from "./lexicon.js";

export interface LocalEmbeddingsOptions extends EmbeddingsParams {
  readonly lexicon: Lexicon;
  readonly idf?: IdfTable;
  readonly dimensions?: number;
  /** Share the reranker's extractor, so features computed once serve both. */
  readonly extractor?: FeatureExtractor;
}

/**
 * The embedded default: deterministic, offline vectors built from stems and WordNet relations hashed into a fixed
 * number of dimensions. No model, no network, and the same text always gives the same vector.
 */
export class LocalEmbeddings extends Embeddings {
  static readonly version = "local-wordnet-v4";
  readonly dimensions: number;
  private readonly extractor: FeatureExtractor;

  constructor(options: LocalEmbeddingsOptions) {
    super(options);
    this.dimensions = options.dimensions ?? 1024;
    this.extractor = options.extractor ?? new FeatureExtractor(options.lexicon, options.idf ?? referenceIdf());
  }

  /** Goes into the index manifest: vectors made under another id must never be mixed with these. */
  get id(): string {
    return `${LocalEmbeddings.version}-${this.dimensions}`;
  }

  /** Whether its vectors are hashToVector of `extractor`'s features, so indexing may compute them itself. */
  analysesWith(extractor: FeatureExtractor): boolean {
    return extractor === this.extractor || (extractor.standard && this.extractor.standard);
  }

  embedText(text: string): Float32Array {
    return hashToVector(this.extractor.extract(text), this.dimensions);
  }

  embedFeatures(features: ReadonlyMap<string, number>): number[] {
    return Array.from(hashToVector(features, this.dimensions));
  }

  override embedDocuments(documents: string[]): Promise<number[][]> {
    return Promise.resolve(documents.map((d) => Array.from(this.embedText(d))));
  }

  override embedQuery(document: string): Promise<number[]> {
    return Promise.resolve(Array.from(this.embedText(document)));
  }
}
