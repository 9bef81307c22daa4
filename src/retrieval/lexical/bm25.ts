import MiniSearch from "minisearch";
import { isStopword, stem, words } from "../text/terms.js";

export interface LexicalHit {
  readonly id: string;
  readonly score: number;
  /** Query stems found in the passage. */
  readonly matched: readonly string[];
}

interface Entry {
  readonly id: string;
  readonly text: string;
  /** The document's title: indexed too, at a lower weight, since it says what every paragraph is about. */
  readonly title: string;
}

const TITLE_BOOST = 0.5;

// Same analysis as the embedder (lower-case, stopwords out, Porter stems), so "Korean" and "korean" are one term.
const processTerm = (term: string): string | null => (isStopword(term) ? null : stem(term));

/** BM25 over passages, by minisearch. Ids are passage ids, the key both rankings are fused on. */
export class LexicalIndex {
  private readonly search = new MiniSearch<Entry>({
    idField: "id",
    fields: ["text", "title"],
    tokenize: (text) => words(text),
    processTerm,
  });

  add(entries: readonly Entry[]): void {
    this.search.addAll(entries);
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) if (this.search.has(id)) this.search.discard(id);
  }

  get size(): number {
    return this.search.documentCount;
  }

  query(text: string, k: number): LexicalHit[] {
    return this.search
      .search(text, { combineWith: "OR", boost: { title: TITLE_BOOST } })
      .slice(0, k)
      .map((r) => ({ id: r.id as string, score: r.score, matched: r.terms }));
  }
}
