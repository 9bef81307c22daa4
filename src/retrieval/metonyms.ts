import type { Lexicon, WordRelations } from "./embeddings/lexicon.js";
import { lookUpModern } from "./embeddings/modern-names.js";
import { nameSpans, type NameSpan } from "./unmentioned-names.js";

const CAPITAL = "national capital";
const COUNTRY_KIND = /\b(?:country|nation)\b/;
const CAPITAL_OF = /^capital of (?:the )?(.+)$/;
const LOWER_CASE_WORD = /(?<![\p{L}\p{N}])\p{Ll}+(?![\p{L}\p{N}])/gu;
/** A capitalised first word standing alone ("Pyongyang's pact", not "Warsaw Pact"), which `nameSpans` passes over. */
const FIRST_WORD = /^[^\p{L}\p{N}]*(\p{Lu}\p{Ll}+)(?=(?:['’]s)?(?:[^\p{L}\p{N}'’.-]|$))(?!(?:['’]s)?\s+\p{Lu})/u;
/** Names come from users' questions: the cache of their lookups is bounded. */
const CACHE_LIMIT = 10_000;

/**
 * Reads a question's capitals as the countries they stand for: news and analysts say "Pyongyang" and "Moscow", while an
 * article mostly says "North Korea" and "Russia" and names the capital itself in only a few passages ("confronting
 * Moscow and Pyongyang"). Searched as typed, the rare capital outweighs the rest of the question, and those few
 * passages win whatever was asked.
 */
export class CountryMetonyms {
  private readonly countries = new Map<string, string | undefined>();

  constructor(private readonly lexicon: Lexicon) {}

  /** The question with each metonym replaced by its country ("Pyongyang's soldiers" → "North Korea's soldiers"). */
  rewrite(question: string): string {
    let rewritten = "";
    let from = 0;
    for (const span of candidates(question)) {
      // A lower-case part of a name ("brien" in "O'brien") lies inside the name's own span.
      if (span.start < from) continue;
      const country = this.countryOf(span.name.toLowerCase());
      if (country === undefined) continue;
      rewritten += question.slice(from, span.start) + titleCase(country);
      from = span.end;
    }
    return rewritten + question.slice(from);
  }

  private countryOf(name: string): string | undefined {
    if (!this.countries.has(name)) {
      if (this.countries.size >= CACHE_LIMIT) this.countries.clear();
      this.countries.set(name, this.lookUp(name));
    }
    return this.countries.get(name);
  }

  private lookUp(name: string): string | undefined {
    const relations = this.relationsOf(name);
    if (!relations?.hypernyms.includes(CAPITAL)) return undefined;
    const country = this.countryOfCapital(relations);
    // A city-state, or a capital named after its country ("Kuwait"): nothing to read differently.
    return country === undefined || country.includes(relations.lemma) ? undefined : country;
  }

  /**
   * The first of a capital's wholes that its synonyms name ("capital of taiwan") or that WordNet files under some kind
   * of country: they run from its district to its continent ("district of columbia", "united states").
   */
  private countryOfCapital(capital: WordRelations): string | undefined {
    const named = new Set(capital.synonyms.flatMap((synonym) => CAPITAL_OF.exec(synonym)?.[1] ?? []));
    return capital.holonyms.find((whole) => named.has(whole) || this.relationsOf(whole)?.hypernyms.some((kind) => COUNTRY_KIND.test(kind)));
  }

  private relationsOf(name: string): WordRelations | undefined {
    const words = name.split(" ");
    return words.length === 1 ? lookUpModern(this.lexicon, name) : this.lexicon.lookupPhrase(words);
  }
}

/** Names, and words typed in lower case ("what does pyongyang want"), in the order they appear. */
function candidates(question: string): NameSpan[] {
  const spans: NameSpan[] = [...question.matchAll(LOWER_CASE_WORD)].map((m) => ({ name: m[0], start: m.index, end: m.index + m[0].length }));
  const first = FIRST_WORD.exec(question);
  if (first?.[1] !== undefined) {
    const start = first[0].length - first[1].length;
    spans.push({ name: first[1], start, end: first[0].length });
  }
  return [...nameSpans(question), ...spans].sort((a, b) => a.start - b.start);
}

function titleCase(name: string): string {
  return name.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}
