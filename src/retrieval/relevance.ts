import type { Specificity } from "./corpus-weights.js";
import type { FeatureExtractor } from "./embeddings/features.js";
import type { IdfTable } from "./embeddings/idf.js";
import { bagCosine } from "./mmr.js";
import type { MeaningProfile, SoftMatcher } from "./semantic/soft-match.js";
import { compoundParts, contentTerms, stem } from "./text/terms.js";

/** A question analysed once, then compared with many sentences. */
export interface QuestionProfile {
  readonly terms: ReadonlyArray<{ readonly stem: string; readonly weight: number; readonly related: ReadonlySet<string> }>;
  readonly features: ReadonlyMap<string, number>;
  /** Present when the scorer has word vectors. */
  readonly meaning?: MeaningProfile;
}

export interface TextProfile {
  readonly stems: ReadonlySet<string>;
  readonly features: ReadonlyMap<string, number>;
  readonly meaning?: MeaningProfile;
}

/** A related word (synonym, derived form, part-of) answers a question word, but less surely than the word itself. */
const RELATED_MATCH = 0.6;
/**
 * Only close relations count towards coverage. Gloss words and hypernyms are weighted below this share of a word's
 * own weight, and they relate too much: "population" would otherwise be covered by any passage about people.
 */
const CLOSE_RELATION = 0.45;
/** A profile holds a few hundred expanded features (~20 KB): this bounds the cache to a few tens of MB. */
const TEXT_CACHE_LIMIT = 2_000;

/**
 * Scores how well a piece of text answers a question, with the same stems and WordNet relations the local embedder
 * uses, but exactly (no hashing): which question words the text covers, and how similar the two are overall.
 */
export class RelevanceScorer {
  /**
   * Sentence profiles by text. A sentence's profile does not depend on the question, and the sentences of the
   * passages that answer questions recur from one question to the next.
   */
  private readonly texts = new Map<string, TextProfile>();

  constructor(
    private readonly extractor: FeatureExtractor,
    private readonly idf: IdfTable,
    /**
     * How telling each question word is in this corpus (see keySpecificity); the words related to it count as much.
     * Weighing a related word by its own rarity instead let a question's common words back in through their unusual
     * synonyms ("Pyongyang" through "DPRK"), with the addresses among the corpus: fewer unanswerable questions abstained.
     */
    private readonly specificity?: Specificity,
    /** Word-vector matching of question and text; without it, words relate only through WordNet. */
    private readonly soft?: SoftMatcher,
  ) {}

  question(text: string): QuestionProfile {
    const seen = new Set<string>();
    const terms: { stem: string; weight: number; related: ReadonlySet<string> }[] = [];
    for (const term of contentTerms(text)) {
      if (seen.has(term.stem)) continue;
      seen.add(term.stem);
      const expansion = this.extractor.extract(term.word);
      const related = new Set([...expansion.keys()].filter((key) => this.isClose(expansion, key)));
      related.delete(term.stem);
      terms.push({ stem: term.stem, weight: this.idf.idf(term.stem), related });
    }
    const features = this.extractor.extract(text, this.specificity);
    return this.soft ? { terms, features, meaning: this.soft.profile(text) } : { terms, features };
  }

  text(text: string): TextProfile {
    let profile = this.texts.get(text);
    if (!profile) {
      const features = this.extractor.extract(text);
      const meaning = this.soft?.profile(text);
      // The word profile already holds the text's stems: no second pass over its words.
      profile = meaning
        ? { stems: meaning.stems, features, meaning }
        : { stems: new Set(contentTerms(text).flatMap((t) => [t, ...compoundParts(t.word)]).map((t) => t.stem)), features };
      if (this.texts.size >= TEXT_CACHE_LIMIT) this.texts.clear();
      this.texts.set(text, profile);
    }
    return profile;
  }

  /**
   * A text's profile with the base forms of its words among its stems too: "sent" also says "send", which "dispatched"
   * relates to, though their stems share nothing.
   */
  withBaseForms(text: string): TextProfile {
    const profile = this.text(text);
    const bases = contentTerms(text)
      .map((term) => this.extractor.lexicon.lookup(term.word.toLowerCase())?.lemma)
      .filter((lemma): lemma is string => lemma !== undefined && !lemma.includes(" "))
      .map(stem)
      .filter((base) => !profile.stems.has(base));
    return bases.length === 0 ? profile : { ...profile, stems: new Set([...profile.stems, ...bases]) };
  }

  /**
   * Share of the question's weight (rare words weigh more) that the texts mention together, directly or through a
   * relation. Several texts are read as one (a passage given as its sentences), with their features summed, without
   * building the merged profile: only the question's few stems are ever looked up in it.
   */
  coverage(question: QuestionProfile, ...texts: TextProfile[]): number {
    let total = 0;
    let covered = 0;
    for (const term of question.terms) {
      total += term.weight;
      if (texts.some((text) => text.stems.has(term.stem))) covered += term.weight;
      else if (NAMES_A_FIGURE.has(term.stem) && texts.some(holdsAFigure)) covered += term.weight;
      else if (this.isCloseWeight(summedFeature(texts, term.stem), term.stem) || texts.some((text) => relatesTo(term.related, text.stems))) {
        covered += RELATED_MATCH * term.weight;
      }
    }
    return total > 0 ? covered / total : 0;
  }

  private isClose(features: ReadonlyMap<string, number>, key: string): boolean {
    return this.isCloseWeight(features.get(key) ?? 0, key);
  }

  private isCloseWeight(weight: number, key: string): boolean {
    return weight >= CLOSE_RELATION * this.idf.idf(key);
  }

  similarity(question: QuestionProfile, text: TextProfile): number {
    return bagCosine(question.features, text.features);
  }

  /** How much of the question the text says by word vectors (see SoftMatcher); undefined without word vectors. */
  meaning(question: QuestionProfile, text: TextProfile): number | undefined {
    return this.soft && question.meaning && text.meaning ? this.soft.score(question.meaning, text.meaning) : undefined;
  }
}

/** Question words for a figure ("the 10,000 figure", "troop numbers"), which any figure in a text says. */
const NAMES_A_FIGURE = new Set(["figure", "number", "tally", "toll", "count", "total"].map(stem));

function holdsAFigure(text: TextProfile): boolean {
  for (const stem of text.stems) if (/\d/.test(stem)) return true;
  return false;
}

function summedFeature(texts: readonly TextProfile[], key: string): number {
  let sum = 0;
  for (const text of texts) sum += text.features.get(key) ?? 0;
  return sum;
}

function relatesTo(related: ReadonlySet<string>, stems: ReadonlySet<string>): boolean {
  for (const r of related) if (stems.has(r)) return true;
  return false;
}
