import { hash32 } from "../embeddings/hashing.js";

/**
 * Words laid out to be saved in a file and looked up in place: an open-addressing table of slots by hash32 (each
 * 1 + the word's number, 0 when empty; at least twice as many slots as words, a power of two), where each word's
 * UTF-8 text starts (count + 1 offsets), and the texts as one run. Word vectors and WordNet expansions are saved so.
 */
export interface WordTable {
  readonly slots: Uint32Array;
  readonly starts: Uint32Array;
  readonly text: Buffer;
}

/** Texts as one UTF-8 run, with where each starts and where the last ends. */
export function utf8Run(texts: Iterable<string>): { readonly starts: Uint32Array; readonly text: Buffer } {
  const parts = [...texts].map((t) => Buffer.from(t, "utf8"));
  const starts = new Uint32Array(parts.length + 1);
  parts.forEach((part, i) => (starts[i + 1] = starts[i]! + part.length));
  return { starts, text: Buffer.concat(parts) };
}

/** `words`, numbered in their order, laid out as a WordTable. */
export function packWords(words: readonly string[]): WordTable {
  let size = 1;
  while (size < 2 * words.length) size *= 2;
  const slots = new Uint32Array(size);
  words.forEach((word, index) => {
    let slot = hash32(word) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = index + 1;
  });
  return { slots, ...utf8Run(words) };
}

/** The number of `word` in the table, or undefined when it is not there. */
export function findWord({ slots, starts, text }: WordTable, word: string): number | undefined {
  const mask = slots.length - 1;
  for (let slot = hash32(word) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
    const index = slots[slot]! - 1;
    if (text.toString("utf8", starts[index], starts[index + 1]) === word) return index;
  }
  return undefined;
}
