/** Half-open character range [start, end) of a piece of text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Abbreviations that are practically never the last word of a sentence. */
const NEVER_FINAL = new Set([
  "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "pres", "lt", "col", "capt", "cmdr", "sgt", "maj",
  "adm", "brig", "cpl", "pvt", "rev", "hon", "atty", "supt", "st", "mt", "ft", "nos", "vs", "v", "fig", "vol", "pp",
  "approx", "cf", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
]);

/** Abbreviations that may end a sentence: they break only before a word that typically starts one. */
const MAYBE_FINAL = new Set(["etc", "inc", "corp", "ltd", "co", "jr", "sr", "bros", "al", "llc", "plc"]);

/**
 * Words that typically open a sentence but rarely follow an abbreviation inside one
 * ("the U.S. The next day" breaks, "the U.S. Senate" does not).
 */
const SENTENCE_STARTERS = new Set([
  "The", "A", "An", "This", "That", "These", "Those", "There", "Here", "It", "Its", "He", "She", "They", "We", "I",
  "You", "His", "Her", "Their", "Our", "My", "But", "And", "Or", "So", "Yet", "Nor", "However", "Meanwhile",
  "Moreover", "Furthermore", "Still", "Instead", "Then", "Now", "Thus", "Also", "In", "On", "At", "By", "For", "From",
  "With", "Without", "As", "After", "Before", "When", "While", "If", "Although", "Though", "Because", "Since", "Until",
  "Despite", "During", "According", "Some", "Many", "Most", "Several", "Few", "Such", "Both", "Each", "Every", "All",
  "Any", "What", "Why", "How", "Who", "Where", "Which", "Yesterday", "Today", "Tomorrow", "Last", "Earlier", "Later",
]);

// A run of terminators, any closing quotes/brackets, then the whitespace before the next sentence.
const CANDIDATE = /[.!?…]+[”"’'»)\]]*(\s+)/gu;
const OPENERS = /^[“"‘'«([¿¡]*/u;
const CLOSER_AT_END = /[”"’'»)\]]$/u;
const DOTTED_ACRONYM = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;

/** Sentences of `text`, verbatim and trimmed; joined with single spaces they give the whitespace-normalised text. */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end));
}

/** Where each sentence of `text` starts and ends, trimmed of surrounding whitespace. */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const gap = match[1] ?? "";
    const end = match.index + match[0].length - gap.length;
    const next = end + gap.length;
    if (next < text.length && endsSentence(text, match.index, end, next)) {
      pushTrimmed(text, start, end, spans);
      start = next;
    }
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

/** Number of whitespace-separated words, without allocating. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

function endsSentence(text: string, runStart: number, runEnd: number, next: number): boolean {
  const following = text.slice(next, next + 40).replace(OPENERS, "");
  const first = following.charAt(0);
  if (/\p{Ll}/u.test(first)) return false;
  const nextWord = /^\p{L}+/u.exec(following)?.[0] ?? "";
  if (!/^\.[”"’'»)\]]*$/u.test(text.slice(runStart, runEnd))) return true;

  const word = wordBefore(text, runStart);
  if (word === "" || CLOSER_AT_END.test(word)) return true;
  const lower = word.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  if (lower === "no") return !/\d/.test(first);
  // An initial ("Joe B. Smith", "J. R. R. Tolkien"); "A. A. Milne" is why A and I do not count as starters here.
  if (/^\p{Lu}$/u.test(word)) return nextWord !== "A" && nextWord !== "I" && SENTENCE_STARTERS.has(nextWord);
  if (MAYBE_FINAL.has(lower) || DOTTED_ACRONYM.test(word)) return SENTENCE_STARTERS.has(nextWord);
  return true;
}

/** The token just before `index`, without opening quotes or brackets. */
function wordBefore(text: string, index: number): string {
  let from = index;
  while (from > 0 && !isSpace(text.charCodeAt(from - 1))) from--;
  return text.slice(from, index).replace(OPENERS, "");
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) spans.push({ start, end });
}

/** Same set of characters as the regular expression class `\s`. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
