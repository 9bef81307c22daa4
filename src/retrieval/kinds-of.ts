import { contentTerms } from "./text/terms.js";

/** What KindsOf needs from a thesaurus; WordNet implements it, tests can pass a tiny map. */
export interface Taxonomy {
  /** The base form of a word, undefined when the thesaurus lacks it. */
  lemmaOf(word: string): string | undefined;
  /** What a noun is a kind or an instance of (base forms; collocations with spaces). */
  nounKinds(word: string): readonly string[];
}

/** How many is-a steps up from a text's word to the kind asked for: blue → chromatic color → color. */
const DEPTH = 2;

/**
 * Whether a text names something of a kind, through WordNet's is-a chains: "blue" is a colour and "Moscow" a city,
 * so a passage saying "painted the tower blue" answers "What colour …?" without the word "colour".
 */
export class KindsOf {
  constructor(private readonly taxonomy: Taxonomy) {}

  namedIn(kind: string, text: string): boolean {
    // The base form only, not its synonyms: those come from all of its senses ("range" is also a "reach").
    const lemma = this.taxonomy.lemmaOf(kind);
    if (lemma === undefined) return false;
    const seen = new Set<string>();
    for (const { word } of contentTerms(text)) {
      if (seen.has(word)) continue;
      seen.add(word);
      if (this.isA(word, lemma, DEPTH)) return true;
    }
    return false;
  }

  private isA(word: string, kind: string, depth: number): boolean {
    const kinds = this.taxonomy.nounKinds(word);
    return kinds.includes(kind) || (depth > 1 && kinds.some((k) => this.isA(k, kind, depth - 1)));
  }
}
