import { contentTerms, isStopword, stem, words } from "../text/terms.js";
import type { IdfTable } from "./idf.js";
import type { Lexicon, WordRelations } from "./lexicon.js";

/** How much a related word counts, relative to the word itself. */
export interface ExpansionWeights {
  readonly synonym: number;
  readonly derived: number;
  readonly hypernym: number;
  readonly holonym: number;
  readonly gloss: number;
  readonly phrase: number;
}

export const DEFAULT_EXPANSION: ExpansionWeights = { synonym: 0.5, derived: 0.5, hypernym: 0.3, holonym: 0.5, gloss: 0.2, phrase: 1 };

type WeightedStems = ReadonlyArray<readonly [string, number]>;

/**
 * Turns text into weighted features: the stems of its content words, plus the stems of words WordNet relates to them
 * (synonyms, derived forms, hypernyms, gloss words) and of the multi-word names it contains ("south korea").
 * Related stems share the feature space of ordinary words, so a question and a passage meet when either one's
 * words are related to the other's.
 */
export class FeatureExtractor {
  private readonly expansionCache = new Map<string, WeightedStems>();
  private readonly phraseCache = new Map<string, WordRelations | null>();

  constructor(
    readonly lexicon: Lexicon,
    private readonly idf: IdfTable,
    private readonly weights: ExpansionWeights = DEFAULT_EXPANSION,
  ) {}

  extract(text: string): Map<string, number> {
    const sums = new Map<string, number>();
    const peaks = new Map<string, number>();
    const add = (key: string, weight: number): void => {
      sums.set(key, (sums.get(key) ?? 0) + weight);
      peaks.set(key, Math.max(peaks.get(key) ?? 0, weight));
    };
    for (const term of contentTerms(text)) {
      add(term.stem, this.idf.idf(term.stem));
      for (const [related, weight] of this.expansionsOf(term.word)) add(related, weight);
    }
    for (const phrase of this.phrasesIn(words(text))) {
      add(phrase.key, this.weights.phrase * this.idf.idf(phrase.key));
      for (const [related, weight] of this.relatedStems(phrase.relations)) add(related, weight);
    }
    // Sub-linear term frequency: a word said three times counts about twice, not three times.
    const features = new Map<string, number>();
    for (const [key, sum] of sums) {
      const peak = peaks.get(key) ?? sum;
      features.set(key, peak * (1 + Math.log(sum / peak)));
    }
    return features;
  }

  private expansionsOf(word: string): WeightedStems {
    let cached = this.expansionCache.get(word);
    if (cached === undefined) {
      // Two-letter words are mostly abbreviations WordNet reads as something else ("de" -> Delaware).
      const relations = /\d/.test(word) || word.length < 3 ? undefined : this.lexicon.lookup(word);
      cached = relations ? this.relatedStems(relations, stem(word)) : [];
      if (this.expansionCache.size < 500_000) this.expansionCache.set(word, cached);
    }
    return cached;
  }

  private relatedStems(relations: WordRelations, own?: string): WeightedStems {
    const best = new Map<string, number>();
    // A related word never weighs more than the word it came from: rare derived forms ("soldiership") would
    // otherwise outweigh the word itself.
    const cap = this.idf.idf(own ?? stem(relations.lemma.split(" ").at(-1) ?? relations.lemma));
    const offer = (lemmas: readonly string[], factor: number): void => {
      for (const lemma of lemmas) {
        for (const term of contentTerms(lemma)) {
          if (term.stem === own) continue;
          const weight = factor * Math.min(cap, this.idf.idf(term.stem));
          if (weight > (best.get(term.stem) ?? 0)) best.set(term.stem, weight);
        }
      }
    };
    offer([relations.lemma], this.weights.synonym);
    offer(relations.synonyms, this.weights.synonym);
    offer(relations.derived, this.weights.derived);
    offer(relations.hypernyms, this.weights.hypernym);
    offer(relations.holonyms, this.weights.holonym);
    offer(relations.glossTerms, this.weights.gloss);
    return [...best.entries()];
  }

  private *phrasesIn(tokens: readonly string[]): Generator<{ key: string; relations: WordRelations }> {
    for (let i = 0; i < tokens.length; i++) {
      for (const length of [3, 2]) {
        if (i + length > tokens.length || isStopword(tokens[i]!) || isStopword(tokens[i + length - 1]!)) continue;
        const slice = tokens.slice(i, i + length);
        const key = slice.join("_");
        const relations = this.phraseOf(key, slice);
        if (relations) {
          yield { key, relations };
          break;
        }
      }
    }
  }

  /** Most word pairs are not WordNet phrases; remembering the misses saves a dictionary probe per pair. */
  private phraseOf(key: string, slice: readonly string[]): WordRelations | undefined {
    let cached = this.phraseCache.get(key);
    if (cached === undefined) {
      cached = this.lexicon.lookupPhrase(slice) ?? null;
      if (this.phraseCache.size > 500_000) this.phraseCache.clear();
      this.phraseCache.set(key, cached);
    }
    return cached ?? undefined;
  }
}
