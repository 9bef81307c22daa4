import type { Lexicon, WordRelations } from "./lexicon.js";

/**
 * WordNet 3.1 (2011) knows places by older spellings; news today uses the new ones. Looking a modern spelling up by
 * its WordNet name keeps the relations ("Kyiv" is part of Ukraine) that paraphrase matching relies on.
 */
export const MODERN_NAMES: ReadonlyMap<string, string> = new Map([
  ["kyiv", "kiev"],
  ["kharkiv", "kharkov"],
  ["odesa", "odessa"],
  ["lviv", "lvov"],
  ["mykolaiv", "nikolayev"],
  ["chisinau", "kishinev"],
  ["mumbai", "bombay"],
  ["chennai", "madras"],
  ["kolkata", "calcutta"],
  ["yangon", "rangoon"],
  ["myanmar", "burma"],
  ["czechia", "czech republic"],
  ["eswatini", "swaziland"],
]);

/**
 * The relations of a lower-case word or phrase ("seoul", "white house"); a word is looked up under its WordNet name when
 * it has an older one ("Kyiv" as "Kiev").
 */
export function lookUpModern(lexicon: Lexicon, name: string): WordRelations | undefined {
  const wordNetName = MODERN_NAMES.get(name) ?? name;
  return wordNetName.includes(" ") ? lexicon.lookupPhrase(wordNetName.split(" ")) : lexicon.lookup(wordNetName);
}
