import type { Answer, Citation } from "../../../src/answer/types.js";
import type { SearchHit } from "../../../src/retrieval/hybrid-search.js";

export const TITLE = "North Korean Troops in Russias War";

export function sentence(i: number, words = 12): string {
  return `Sentence ${i} says ${Array.from({ length: words }, (_, w) => `word${w}`).join(" ")} about the U.S. and Kursk.`;
}

export function citation(n: number, quote: string, title = TITLE): Citation {
  return { n, docId: "doc", title, paragraph: n + 1, quote, score: 0.5 };
}

/** An answer of `count` sentences, sentence i citing marker i (1-based), each quote `quoteLength` characters or so. */
export function answerOf(count: number, options: { words?: number; quoteLength?: number; question?: string; title?: string } = {}): Answer {
  const sentences = Array.from({ length: count }, (_, i) => sentence(i + 1, options.words));
  const quoteOf = (i: number) => `${sentences[i]!} ${"More quoted text. ".repeat(Math.ceil((options.quoteLength ?? 0) / 18))}`.trim();
  return {
    question: options.question ?? "What happened in Kursk?",
    abstained: false,
    answer: sentences.map((s, i) => `${s} [${i + 1}]`).join(" "),
    sentences: sentences.map((text, i) => ({ text, n: i + 1 })),
    citations: sentences.map((_, i) => citation(i + 1, quoteOf(i), options.title)),
    closest: [],
    passagesSearched: 14,
    milliseconds: 12.4,
  };
}

export function hit(paragraph: number, text: string, title = TITLE): SearchHit {
  return { passageId: `doc#${paragraph}`, docId: "doc", title, paragraph, chunk: 0, text, score: 0.9 };
}

/** Every [n] in a text, in order. */
export function markersIn(text: string): number[] {
  return [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
}
