import type { Lexicon } from "./lexicon.js";

/**
 * The name an acronym abbreviates, as WordNet files it with the acronym: the synonym whose words' initials spell it
 * ("u.s" or "us": "united states"; "eu": "european union", not "europe" nor "europium"). `acronym` is lower case, with
 * or without its dots.
 */
export function spelledOutName(lexicon: Lexicon, acronym: string): string | undefined {
  const letters = acronym.replace(/\./g, "");
  const relations = (acronym.includes(".") ? lexicon.lookup(`${acronym}.`) : undefined) ?? lexicon.lookup(letters);
  return relations?.synonyms.find((lemma) => {
    const parts = lemma.split(" ");
    return parts.length === letters.length && parts.every((part, i) => part[0] === letters[i]);
  });
}
