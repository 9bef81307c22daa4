import type { LexicalIndex } from "./lexical/bm25.js";

export type FeatureWeighting = (features: ReadonlyMap<string, number>) => Map<string, number>;

/** How telling a word or phrase feature is in a corpus: near 0 in every passage, 1 in none. */
export type Specificity = (key: string) => number;

/**
 * A feature's specificity in this corpus, by its document frequency (BM25's IDF, relative to a word the corpus never
 * uses): the words a corpus is about ("North Korea" in every paragraph of a story about North Korea) tell its passages
 * apart least.
 */
export function keySpecificity(lexical: LexicalIndex): Specificity {
  const n = lexical.size;
  const idf = (df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const unseen = idf(0);
  // A phrase feature ("north_korea") is at most as common as its rarest word. An empty corpus weighs nothing down.
  return (key) => (n === 0 ? 1 : idf(Math.min(...key.split("_").map((word) => lexical.documentFrequency(word)))) / unseen);
}

/**
 * Scales a question's features by how rare each is in this corpus, for the comparisons made at question time.
 *
 * Passage features are weighted by a fixed reference IDF, so that indexing stays incremental. But the words a corpus
 * is about then weigh most in every passage, and a question that names them is drawn to whichever passage repeats them
 * most rather than to the one that answers it. Reweighting only the question, by the corpus's own document
 * frequencies, takes those words out of the comparison without re-embedding anything when the corpus changes.
 */
export function corpusSpecificity(lexical: LexicalIndex): FeatureWeighting {
  const specificity = keySpecificity(lexical);
  return (features) => {
    const weighted = new Map<string, number>();
    for (const [key, weight] of features) weighted.set(key, weight * specificity(key));
    return weighted;
  };
}
