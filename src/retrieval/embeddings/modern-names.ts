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

/** A word's relations, looked up under its WordNet name when it has an older one ("Kyiv" as "Kiev"). */
export function lookUpModern(lexicon: Lexicon, word: string): WordRelations | undefined {
  const older = MODERN_NAMES.get(word);
  if (older === undefined) return lexicon.lookup(word);
  return older.includes(" ") ? lexicon.lookupPhrase(older.split(" ")) : lexicon.lookup(older);
}
