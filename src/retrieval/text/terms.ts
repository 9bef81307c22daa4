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
    let word = match[0].toLowerCase().replace(POSSESSIVE, "");
    // Digit separators and abbreviation dots would make "10,000" and "10000", or "u.s." and "us", different terms.
    if (/\d/.test(word)) word = word.replace(/[,]/g, "");
    word = word.replace(/\./g, "");
    if (word.length > 0 && word.length <= 40) out.push(word);
  }
  return out;
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
  return STOPWORDS.has(word.replace(/’/g, "'"));
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
