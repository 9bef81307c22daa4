import { stemmer } from "stemmer";
import { STOPWORDS } from "./stopwords.js";

/** A word of the text, lower-cased, with its Porter stem. */
export interface Term {
  readonly word: string;
  readonly stem: string;
}

// Letters or digits, allowing inner apostrophes, hyphens and digit separators ("Kim's", "full-scale", "10,000").
const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’\-.,][\p{L}\p{N}]+)*/gu;
const POSSESSIVE = /['’]s$/;

/** Splits text into lower-case words; keeps stopwords, so callers can still see phrases like "kim jong un". */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize("NFKC").matchAll(WORD_PATTERN)) {
    const word = normalizeWord(match[0]);
    if (word.length > 0 && word.length <= 40) out.push(word);
  }
  return out;
}

/** "U.S", "u.n", "e.u": letters each followed by a dot, the last one's dropped. */
export const DOTTED_ACRONYM = /^(?:\p{L}\.)+\p{L}$/u;
const TWO_CAPITALS = /^\p{Lu}{2}$/u;
/**
 * "Fourthly" opens the fourth point of a list, which a reader asks about as "the fourth concern". Not "secondly" nor
 * "lastly": "a second" is a unit of time, and "last" a verb; made those words, they matched questions about speed.
 */
const ORDINAL_ADVERB = /^(first|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)ly$/;

/**
 * One spelling per term: "10,000" is "10000" (but "6.5" keeps its dot), and "U.S.", "US" and "u.s" are all "u.s",
 * which must not become the pronoun "us", a stopword.
 */
function normalizeWord(raw: string): string {
  const bare = raw.replace(POSSESSIVE, "");
  if (/\d/.test(bare)) return bare.toLowerCase().replace(/,/g, "");
  if (TWO_CAPITALS.test(bare)) return `${bare[0]}.${bare[1]}`.toLowerCase();
  if (DOTTED_ACRONYM.test(bare)) return bare.toLowerCase();
  const word = bare.toLowerCase().replace(/\./g, "");
  return ORDINAL_ADVERB.exec(word)?.[1] ?? word;
}

const stemCache = new Map<string, string>();

export function stem(word: string): string {
  let cached = stemCache.get(word);
  if (cached === undefined) {
    cached = /\d/.test(word) ? word : stemmer(word.replace(/’/g, "'"));
    if (stemCache.size < 200_000) stemCache.set(word, cached);
  }
  return cached;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word) || (word.includes("’") && STOPWORDS.has(word.replace(/’/g, "'")));
}

/** Content terms of a text: stopwords dropped, each word stemmed. */
export function contentTerms(text: string): Term[] {
  const out: Term[] = [];
  for (const word of words(text)) {
    if (isStopword(word) || (word.length < 2 && !/\d/.test(word))) continue;
    out.push({ word, stem: stem(word) });
  }
  return out;
}

/** The content words of a hyphenated compound ("long-term": long, term), which a question may write apart. */
export function compoundParts(word: string): Term[] {
  return word.includes("-") ? contentTerms(word.replace(/-/g, " ")) : [];
}
