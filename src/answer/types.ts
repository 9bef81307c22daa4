import type { SearchHit } from "../retrieval/hybrid-search.js";

/** One source behind an answer: a paragraph of a document and the exact words taken from it. */
export interface Citation {
  /** The marker number, `[n]`, in order of first use in the answer. */
  readonly n: number;
  readonly docId: string;
  readonly title: string;
  /** 1-based paragraph number in the document. */
  readonly paragraph: number;
  /** Verbatim text of the paragraph that the answer uses. */
  readonly quote: string;
  /** How strongly the quoted words answer the question, in [0, 1]. */
  readonly score: number;
}

/** One sentence of an answer, verbatim from its source, and the marker of the citation it carries. */
export interface AnswerSentence {
  readonly text: string;
  readonly n: number;
}

export interface Answer {
  readonly question: string;
  /** True when the corpus does not answer the question: `answer` then says so and cites nothing. */
  readonly abstained: boolean;
  readonly answer: string;
  /** The answer's sentences with their markers, so callers never have to parse `answer` back apart. */
  readonly sentences: readonly AnswerSentence[];
  readonly citations: readonly Citation[];
  /** When abstaining: the nearest passages, offered as "closest, not an answer". */
  readonly closest: readonly SearchHit[];
  readonly passagesSearched: number;
  readonly milliseconds: number;
}
