import { compoundParts, contentTerms, DOTTED_ACRONYM } from "../text/terms.js";

/** Word vectors, each word a row: looked up once by spelling, then compared by row number. */
export interface WordVectorTable {
  readonly dimensions: number;
  /** The row of a lower-case word, or undefined when the table does not know it. */
  find(word: string): number | undefined;
  /** How common the row's word is, 0 for the commonest. */
  rank(row: number): number;
  /** The row's vector at unit length. */
  vector(row: number): Float32Array;
  /** Cosine of a unit vector with a row's vector. */
  cosine(vector: Float32Array, row: number): number;
  /** The largest cosine of a unit vector with any of the rows, 0 if none is positive (a table may do it faster). */
  readonly closest?: ((vector: Float32Array, rows: Int32Array) => number) | undefined;
}

interface WeightedWord {
  readonly stem: string;
  readonly weight: number;
  readonly row: number | undefined;
}

/** A text's content words, each with its weight and row, ready to be matched word by word. */
export interface MeaningProfile {
  readonly words: readonly WeightedWord[];
  readonly total: number;
  readonly stems: ReadonlySet<string>;
  /** The rows of the words the table knows. */
  readonly rows: Int32Array;
}

export interface SoftMatchOptions {
  /** Below this cosine, two different words do not match at all: weak neighbours are topical, not synonyms. */
  readonly threshold?: number;
  /** Smooth inverse frequency: a word of frequency p weighs a / (a + p), so common words count for little. */
  readonly smoothing?: number;
}

/** Roughly how many distinct words the vectors were trained on; sets the frequency a rank stands for (Zipf). */
const TRAINING_VOCABULARY = 400_000;

/**
 * How much of a question a text says, word by word, when a word may be said with another ("ammunition" by "shells",
 * "pact" by "partnership"): each question word counts with its closest word in the text, by word-vector cosine.
 * Word vectors are trained on a large general corpus, so they relate words WordNet does not (Seoul ~ Korea).
 */
export class SoftMatcher {
  private readonly threshold: number;
  private readonly smoothing: number;
  /** A question is matched against many passages and then their sentences: its words' vectors are unpacked once. */
  private readonly askedVectors = new WeakMap<MeaningProfile, (Float32Array | undefined)[]>();

  constructor(
    private readonly table: WordVectorTable,
    options: SoftMatchOptions = {},
  ) {
    this.threshold = options.threshold ?? 0.4;
    this.smoothing = options.smoothing ?? 1e-3;
  }

  profile(text: string): MeaningProfile {
    const stems = new Set<string>();
    const weighed = new Set<string>();
    const words: WeightedWord[] = [];
    const rows: number[] = [];
    let total = 0;
    for (const term of contentTerms(text)) {
      if (weighed.has(term.stem)) continue;
      weighed.add(term.stem);
      stems.add(term.stem);
      // A compound's parts are said too ("long term" in "long-term stability"), though they weigh nothing of their own.
      for (const part of compoundParts(term.word)) stems.add(part.stem);
      // The vectors spell "U.S." as "us", which our terms keep apart from the pronoun as "u.s"; "6.5" keeps its dot.
      const row = this.table.find(DOTTED_ACRONYM.test(term.word) ? term.word.replace(/\./g, "") : term.word);
      // Zipf: the word of rank r has a frequency of about 1 / (r ln N); a word the table lacks is rarer than any.
      const frequency = row === undefined ? 0 : 1 / ((this.table.rank(row) + 10) * Math.log(TRAINING_VOCABULARY));
      const weight = this.smoothing / (this.smoothing + frequency);
      words.push({ stem: term.stem, weight, row });
      if (row !== undefined) rows.push(row);
      total += weight;
    }
    return { words, total, stems, rows: Int32Array.from(rows) };
  }

  /** Share of the question's weight that the text says, each question word counted by its closest match in [0, 1]. */
  score(question: MeaningProfile, text: MeaningProfile): number {
    return this.scoreAll(question, [text])[0]!;
  }

  /**
   * score() for many texts, such as the candidates found for one question. Without `byVectors`, only the question's
   * own words count: a cheap lower bound for texts not worth comparing word by word.
   */
  scoreAll(question: MeaningProfile, texts: readonly MeaningProfile[], byVectors = true): number[] {
    if (question.total === 0) return texts.map(() => 0);
    let vectors = this.askedVectors.get(question);
    if (!vectors) {
      vectors = question.words.map((word) => (word.row === undefined ? undefined : this.table.vector(word.row)));
      this.askedVectors.set(question, vectors);
    }
    const asked = vectors;
    // Word by word, each across every text: the table's kernel then takes each question word once.
    const said = texts.map(() => 0);
    question.words.forEach((word, i) => {
      const vector = asked[i];
      texts.forEach((text, t) => {
        // A word the text uses itself needs no vectors; most candidates share several words with the question.
        const best = text.stems.has(word.stem) ? 1 : vector && byVectors ? this.closest(vector, text.rows) : 0;
        if (best >= this.threshold) said[t]! += word.weight * best;
      });
    });
    return said.map((sum) => sum / question.total);
  }

  private closest(vector: Float32Array, rows: Int32Array): number {
    if (this.table.closest) return this.table.closest(vector, rows);
    let best = 0;
    for (const row of rows) {
      const cosine = this.table.cosine(vector, row);
      if (cosine > best) best = cosine;
    }
    return best;
  }
}
