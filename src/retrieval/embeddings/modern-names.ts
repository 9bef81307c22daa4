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
 * Abbreviations news uses for countries: the country as WordNet names it, and the adjective for what is its ("NK
 * troops" are North Korean troops). WordNet 3.1 lacks some ("NK", "ROK", "UAE") and files others as mere synonyms,
 * which a keyword search does not see: a question about "DPRK troops" must find the passages about North Korea's.
 * None of them is also an English word, so lower case counts too.
 */
export const COUNTRY_ABBREVIATIONS: ReadonlyMap<string, { readonly country: string; readonly adjective: string }> = new Map([
  ["nk", { country: "north korea", adjective: "north korean" }],
  ["dprk", { country: "north korea", adjective: "north korean" }],
  ["rok", { country: "south korea", adjective: "south korean" }],
  ["prc", { country: "china", adjective: "chinese" }],
  ["uae", { country: "united arab emirates", adjective: "emirati" }],
  ["drc", { country: "democratic republic of the congo", adjective: "congolese" }],
]);

/**
 * The relations of a lower-case word or phrase ("seoul", "white house"); a word is looked up under its WordNet name when
 * it has an older one ("Kyiv" as "Kiev").
 */
export function lookUpModern(lexicon: Lexicon, name: string): WordRelations | undefined {
  const wordNetName = MODERN_NAMES.get(name) ?? name;
  return wordNetName.includes(" ") ? lexicon.lookupPhrase(wordNetName.split(" ")) : lexicon.lookup(wordNetName);
}
