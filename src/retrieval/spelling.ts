import { isStopword, stem } from "./text/terms.js";

export interface SpellingSources {
  /** Whether a word is one English knows: in the thesaurus, or among the commonest words of the word vectors. */
  readonly isKnown: (word: string) => boolean;
  /** How common a known word is (0 = the commonest), or undefined when it is not among those ranked. */
  readonly commonness: (word: string) => number | undefined;
  /** Whether the corpus has a word of this stem. */
  readonly inCorpus: (stem: string) => boolean;
  /** Whether the corpus has a word of this stem, or of a longer or shorter form of it ("disillus", "disillusion"). */
  readonly formInCorpus: (stem: string) => boolean;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** Shorter words have too many neighbours one letter away ("tanks", "banks", "ranks") to guess which was meant. */
const MIN_LENGTH = 5;
const LOWER_CASE_WORD = /(?<![\p{L}\p{N}'’-])\p{Ll}+(?![\p{L}\p{N}'’-])/gu;
/** A contraction typed without its apostrophe ("hasnt", "whats") is a stopword, not a misspelt word. */
const CONTRACTION_ENDING = /(?=t$)|(?=(?:s|re|ve|ll|d|m)$)/;

/**
 * Mends a question's misspelt words ("casualites", "disillusoned"): a word that neither the thesaurus, the word
 * vectors nor the corpus knows is read as the commonest word one edit away (a letter left out, added, changed, or two
 * swapped) that the corpus uses. Unmended, such a word matches nothing, and the question's other words, or the
 * abstention, decide alone. Only lower-case words: a name the corpus never mentions must stay as typed for the names
 * check ("Blinken" is not a misspelt "Blinked").
 */
export class SpellingCorrector {
  constructor(private readonly sources: SpellingSources) {}

  correct(question: string): string {
    return question.replace(LOWER_CASE_WORD, (word) => (this.looksMisspelt(word) ? (this.closestKnown(word) ?? word) : word));
  }

  private looksMisspelt(word: string): boolean {
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) return false;
    if (isStopword(word.replace(CONTRACTION_ENDING, "'"))) return false;
    return !this.sources.isKnown(word) && !this.sources.inCorpus(stem(word));
  }

  private closestKnown(word: string): string | undefined {
    let best: { word: string; commonness: number } | undefined;
    for (const candidate of oneEditAway(word)) {
      const commonness = this.sources.commonness(candidate);
      if (commonness === undefined || (best && best.commonness <= commonness)) continue;
      if (this.sources.formInCorpus(stem(candidate))) best = { word: candidate, commonness };
    }
    return best?.word;
  }
}

/** Every string one deletion, transposition, substitution or insertion of a letter away from the word. */
function* oneEditAway(word: string): Generator<string> {
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 0) yield head + tail.slice(1);
    if (tail.length > 1) yield head + tail[1]! + tail[0]! + tail.slice(2);
    for (const letter of LETTERS) {
      if (tail.length > 0 && letter !== tail[0]) yield head + letter + tail.slice(1);
      yield head + letter + tail;
    }
  }
}
