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
