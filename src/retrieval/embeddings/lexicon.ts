/** Words related to a word, as a thesaurus such as WordNet gives them; lists are deduped, lower-case, without `lemma`. */
export interface WordRelations {
  /** Base form found (lower-case, spaces in collocations). */
  readonly lemma: string;
  /** Other lemmas of the word's top senses. */
  readonly synonyms: readonly string[];
  /** Direct (and instance) hypernyms of those senses: Seoul -> national capital. */
  readonly hypernyms: readonly string[];
  /** Wholes the word is part of or a member of: Pyongyang -> North Korea. */
  readonly holonyms: readonly string[];
  /** Derivationally related forms: defect -> defection. */
  readonly derived: readonly string[];
  /** Content words of the definitions of the first senses. */
  readonly glossTerms: readonly string[];
}

/** What the local embedder needs from a thesaurus; WordNet implements it, tests can pass a tiny map. */
export interface Lexicon {
  lookup(word: string): WordRelations | undefined;
  lookupPhrase(words: readonly string[]): WordRelations | undefined;
}
