import { contentTerms, DOTTED_ACRONYM, isStopword, stem, words } from "../text/terms.js";
import { referenceIdf, type IdfTable } from "./idf.js";
import type { Lexicon, WordRelations } from "./lexicon.js";
import { lookUpModern } from "./modern-names.js";
import { spelledOutName } from "./acronyms.js";
import type { ExpansionSource } from "./expansion-table.js";
import { WordNet } from "./wordnet.js";

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

/**
 * Related stems and their weights, side by side. Cached for every distinct word a thread has seen: as an array of
 * [stem, weight] pairs (two objects and a boxed number each) they took ~30 MB of the feature thread's heap at 15k
 * passages.
 */
interface WeightedStems {
  readonly stems: readonly string[];
  readonly weights: readonly number[];
}

const NO_STEMS: WeightedStems = { stems: [], weights: [] };

/** Related stems, each with the share of the word's weight it gets (an ExpansionWeights value). */
export interface RelatedFactors {
  readonly stems: readonly string[];
  readonly factors: readonly number[];
}

const NO_FACTORS: RelatedFactors = { stems: [], factors: [] };

interface WordInfo {
  readonly stem: string;
  readonly weight: number;
  readonly expansions: WeightedStems;
}

interface PhraseInfo {
  readonly key: string;
  readonly weight: number;
  readonly expansions: WeightedStems;
}

/**
 * Turns text into weighted features: the stems of its content words, plus the stems of words WordNet relates to them
 * (synonyms, derived forms, hypernyms, gloss words) and of the multi-word names it contains ("south korea").
 * Related stems share the feature space of ordinary words, so a question and a passage meet when either one's
 * words are related to the other's.
 */
export class FeatureExtractor {
  private readonly wordCache = new Map<string, WordInfo | null>();
  private readonly phraseCache = new Map<string, PhraseInfo>();
  private readonly acronymCache = new Map<string, PhraseInfo | null>();

  /** Saved expansions, used only by a standard extractor (what they were computed with). */
  private readonly saved: ExpansionSource | undefined;

  constructor(
    readonly lexicon: Lexicon,
    private readonly idf: IdfTable,
    private readonly weights: ExpansionWeights = DEFAULT_EXPANSION,
    saved?: ExpansionSource,
  ) {
    this.saved = saved && this.standard ? saved : undefined;
  }

  /** Built from the bundled WordNet, the reference IDF and the default weights: a fresh one in a worker is identical. */
  get standard(): boolean {
    return this.lexicon instanceof WordNet && this.lexicon.standard && this.idf === referenceIdf() && this.weights === DEFAULT_EXPANSION;
  }

  /**
   * `specificity`, when given, scales each word's feature, and the features of the words related to it, by how telling
   * that word (or phrase) is, in [0, 1]: a related word is only as telling as the word it stands for.
   */
  extract(text: string, specificity?: (key: string) => number): Map<string, number> {
    const acc = new Map<string, { sum: number; peak: number }>();
    const add = (key: string, weight: number): void => {
      const entry = acc.get(key);
      if (entry) {
        entry.sum += weight;
        if (weight > entry.peak) entry.peak = weight;
      } else acc.set(key, { sum: weight, peak: weight });
    };
    const addAll = (key: string, weight: number, { stems, weights }: WeightedStems): void => {
      const scale = specificity ? specificity(key) : 1;
      // A word that tells nothing adds nothing (a feature of weight 0 would break the sub-linear scaling below).
      if (!(scale > 0)) return;
      add(key, weight * scale);
      for (let i = 0; i < stems.length; i++) add(stems[i]!, weights[i]! * scale);
    };
    const tokens = words(text);
    for (const word of tokens) {
      const info = this.wordInfo(word);
      if (info) addAll(info.stem, info.weight, info.expansions);
      const spelledOut = DOTTED_ACRONYM.test(word) ? this.spelledOut(word) : undefined;
      if (spelledOut) addAll(spelledOut.key, spelledOut.weight, spelledOut.expansions);
    }
    for (const phrase of this.phrasesIn(tokens)) addAll(phrase.key, phrase.weight, phrase.expansions);
    // Sub-linear term frequency: a word said three times counts about twice, not three times.
    const features = new Map<string, number>();
    for (const [key, { sum, peak }] of acc) features.set(key, peak * (1 + Math.log(sum / peak)));
    return features;
  }

  /** Everything about one word that does not depend on its text, computed once per distinct word. */
  private wordInfo(word: string): WordInfo | null {
    let info = this.wordCache.get(word);
    if (info === undefined) {
      info = null;
      if (!isStopword(word) && (word.length >= 2 || /\d/.test(word))) {
        const own = stem(word);
        const weight = this.idf.idf(own);
        const related = this.saved?.factorsOf(word) ?? this.relatedFactorsOf(word, own);
        info = { stem: own, weight, expansions: this.weigh(related, weight) };
      }
      if (this.wordCache.size > 500_000) this.wordCache.clear();
      this.wordCache.set(word, info);
    }
    return info;
  }

  /**
   * The stems WordNet relates to a lower-case word, each with the share of the word's weight it gets (what an
   * ExpansionTable saves): the same whatever text the word is in.
   */
  relatedFactorsOf(word: string, own = stem(word)): RelatedFactors {
    // Two-letter words are mostly abbreviations WordNet reads as something else ("de" -> Delaware).
    const relations = /\d/.test(word) || word.length < 3 ? undefined : lookUpModern(this.lexicon, word);
    return relations ? this.relatedFactors(relations, this.idf.idf(own), own) : NO_FACTORS;
  }

  /**
   * Each related stem once, in the order first offered, with the largest factor it was offered with. Stems that would
   * weigh nothing (see weigh) are left out.
   */
  private relatedFactors(relations: WordRelations, cap: number, own?: string): RelatedFactors {
    const best = new Map<string, number>();
    const offer = (lemmas: readonly string[], factor: number): void => {
      for (const lemma of lemmas) {
        for (const term of contentTerms(lemma)) {
          if (term.stem === own || !(Math.min(cap, this.idf.idf(term.stem)) > 0)) continue;
          if (factor > (best.get(term.stem) ?? 0)) best.set(term.stem, factor);
        }
      }
    };
    offer([relations.lemma], this.weights.synonym);
    offer(relations.synonyms, this.weights.synonym);
    offer(relations.derived, this.weights.derived);
    offer(relations.hypernyms, this.weights.hypernym);
    offer(relations.holonyms, this.weights.holonym);
    offer(relations.glossTerms, this.weights.gloss);
    return { stems: [...best.keys()], factors: [...best.values()] };
  }

  /**
   * A related stem's weight: its factor times its own weight, but never more than the word it came from weighs
   * (`cap`): rare derived forms ("soldiership") would otherwise outweigh the word itself.
   */
  private weigh({ stems, factors }: RelatedFactors, cap: number): WeightedStems {
    return stems.length === 0 ? NO_STEMS : { stems, weights: stems.map((s, i) => factors[i]! * Math.min(cap, this.idf.idf(s))) };
  }

  /**
   * The name an acronym abbreviates ("u.s": United States), as the phrase itself would count: the name WordNet files
   * with the acronym whose words' initials spell it. Text says "the U.S." where a question says "the United States"
   * (or "Washington", read as it); the acronym's own stem shares nothing with the name's.
   */
  private spelledOut(acronym: string): PhraseInfo | undefined {
    let found = this.acronymCache.get(acronym);
    if (found === undefined) {
      const name = spelledOutName(this.lexicon, acronym);
      found = (name !== undefined ? this.phraseOf(name.split(" ")) : undefined) ?? null;
      if (this.acronymCache.size > 10_000) this.acronymCache.clear();
      this.acronymCache.set(acronym, found);
    }
    return found ?? undefined;
  }

  private *phrasesIn(tokens: readonly string[]): Generator<PhraseInfo> {
    for (let i = 0; i < tokens.length; i++) {
      for (const length of [3, 2]) {
        if (i + length > tokens.length || isStopword(tokens[i]!) || isStopword(tokens[i + length - 1]!)) continue;
        const phrase = this.phraseOf(tokens.slice(i, i + length));
        if (phrase) {
          yield phrase;
          break;
        }
      }
    }
  }

  /**
   * Only phrases are remembered. Most word pairs are not phrases (490k pairs at 15k passages against 4k phrases), and
   * WordNet already remembers its misses: a second map of them here held ~30 MB for nothing.
   */
  private phraseOf(slice: readonly string[]): PhraseInfo | undefined {
    const key = slice.join("_");
    let phrase = this.phraseCache.get(key);
    if (phrase === undefined) {
      const relations = this.lexicon.lookupPhrase(slice);
      if (!relations) return undefined;
      // A phrase's related words are capped by the weight of its last word: "south korea" by "korea".
      const cap = this.idf.idf(stem(relations.lemma.split(" ").at(-1) ?? relations.lemma));
      phrase = { key, weight: this.weights.phrase * this.idf.idf(key), expansions: this.weigh(this.relatedFactors(relations, cap), cap) };
      if (this.phraseCache.size > 500_000) this.phraseCache.clear();
      this.phraseCache.set(key, phrase);
    }
    return phrase;
  }
}
