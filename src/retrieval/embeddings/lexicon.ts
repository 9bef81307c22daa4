/** Words related to a word, as a thesaurus such as WordNet gives them. */
export interface WordRelations {
  readonly lemma: string;
  readonly synonyms: readonly string[];
  readonly hypernyms: readonly string[];
  /** Wholes the word is part of or a member of: Pyongyang -> North Korea. */
  readonly holonyms: readonly string[];
  readonly derived: readonly string[];
  readonly glossTerms: readonly string[];
}

/** What the local embedder needs from a thesaurus; WordNet implements it, tests can pass a tiny map. */
export interface Lexicon {
  lookup(word: string): WordRelations | undefined;
  lookupPhrase(words: readonly string[]): WordRelations | undefined;
}
