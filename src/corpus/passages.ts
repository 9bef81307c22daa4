import { countWords, sentenceSpans, type Span } from "./sentences.js";
import type { Article, Passage } from "./types.js";

export interface PassageOptions {
  /** Preferred size of a slice of a long paragraph. */
  readonly targetWords?: number;
  /** Paragraphs up to this many words stay whole; no slice is longer. */
  readonly maxWords?: number;
}

export const DEFAULT_TARGET_WORDS = 120;
export const DEFAULT_MAX_WORDS = 160;

interface Unit extends Span {
  readonly words: number;
}

/** One passage per paragraph; paragraphs over `maxWords` are split at sentence boundaries into balanced slices. */
export function toPassages(article: Article, opts: PassageOptions = {}): Passage[] {
  const maxWords = Math.max(1, Math.floor(opts.maxWords ?? DEFAULT_MAX_WORDS));
  const targetWords = Math.min(maxWords, Math.max(1, Math.floor(opts.targetWords ?? DEFAULT_TARGET_WORDS)));
  return article.paragraphs.flatMap((text, index) => {
    const paragraph = index + 1;
    const words = countWords(text);
    if (words === 0) return [];
    if (words <= maxWords) {
      return [{ id: `${article.id}#${paragraph}`, docId: article.id, paragraph, chunk: 0, text: text.trim() }];
    }
    return sliceParagraph(text, targetWords, maxWords).map((span, chunk) => ({
      id: `${article.id}#${paragraph}.${chunk}`,
      docId: article.id,
      paragraph,
      chunk,
      text: text.slice(span.start, span.end),
    }));
  });
}

function sliceParagraph(text: string, targetWords: number, maxWords: number): Span[] {
  const units = sentenceSpans(text).flatMap((sentence) => {
    const words = countWords(text.slice(sentence.start, sentence.end));
    return words > maxWords ? splitAtWords(text, sentence, targetWords, maxWords) : [{ ...sentence, words }];
  });
  return balancedGroups(units, targetWords, maxWords).map((group) => ({
    start: group[0]!.start,
    end: group[group.length - 1]!.end,
  }));
}

/** Last resort for a sentence longer than `maxWords`: equal slices cut between words. */
function splitAtWords(text: string, sentence: Span, targetWords: number, maxWords: number): Unit[] {
  const words = [...text.slice(sentence.start, sentence.end).matchAll(/\S+/gu)].map((m) => ({
    start: sentence.start + m.index,
    end: sentence.start + m.index + m[0].length,
  }));
  const pieces = Math.max(Math.ceil(words.length / maxWords), Math.round(words.length / targetWords));
  const units: Unit[] = [];
  for (let i = 0; i < pieces; i++) {
    const from = Math.floor((i * words.length) / pieces);
    const to = Math.floor(((i + 1) * words.length) / pieces);
    units.push({ start: words[from]!.start, end: words[to - 1]!.end, words: to - from });
  }
  return units;
}

/**
 * Splits consecutive units into about total/targetWords groups, cutting at the unit boundaries nearest to equal
 * shares, so a paragraph never ends with a tiny leftover slice. Linear time: a pasted book can be one paragraph.
 */
function balancedGroups(units: readonly Unit[], targetWords: number, maxWords: number): Unit[][] {
  const prefix = [0];
  for (const unit of units) prefix.push(prefix[prefix.length - 1]! + unit.words);
  const total = prefix[units.length]!;
  if (total <= maxWords || units.length === 1) return [units.slice()];

  const groups = Math.min(units.length, Math.max(2, Math.round(total / targetWords)));
  const cuts = [0];
  for (let g = 1, cut = 1; g < groups; g++, cut++) {
    const ideal = (g * total) / groups;
    const last = units.length - (groups - g);
    while (cut < last && Math.abs(prefix[cut + 1]! - ideal) < Math.abs(prefix[cut]! - ideal)) cut++;
    cuts.push(cut);
  }
  cuts.push(units.length);
  // A group can still exceed maxWords when sentences are long and uneven; split just that group again.
  return cuts.slice(1).flatMap((to, i) => balancedGroups(units.slice(cuts[i], to), targetWords, maxWords));
}
