import { readFileSync } from "node:fs";
import type { Answer } from "../../src/answer/types.js";

export interface EvalQuestion {
  readonly q: string;
  readonly gold: readonly number[];
  readonly kind: string;
}

export function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

export const SEED_QUESTIONS = new URL("../fixtures/eval/seed-questions.jsonl", import.meta.url).pathname;
/** Written blind to the engine and never tuned on (see the fixtures' README). */
export const HOLDOUT_QUESTIONS = new URL("../fixtures/eval/holdout-questions.jsonl", import.meta.url).pathname;
/** A second held-out set, written blind to the engine by a helper that read only the article (see the README). */
export const BLIND_QUESTIONS = new URL("../fixtures/eval/blind-questions.jsonl", import.meta.url).pathname;
/** A third held-out set, in the voice of a busy desk: terse, by role rather than name (see the README). */
export const DESK_QUESTIONS = new URL("../fixtures/eval/desk-questions.jsonl", import.meta.url).pathname;
/** A fourth held-out set, weighted to named sources, sizes and the author's advice (see the README). */
export const PROBE_QUESTIONS = new URL("../fixtures/eval/probe-questions.jsonl", import.meta.url).pathname;
/**
 * Questions about four State of the Union addresses, written blind to the engine (see the README); asked of the
 * bundled article mixed among all 233 addresses. Each gives the speech (`doc`) and the words that answer it.
 */
export const SPEECH_QUESTIONS = new URL("../fixtures/eval/speech-questions.jsonl", import.meta.url).pathname;
export const SEED_DOC_ID = "north-korean-troops-in-russias-war";

export interface EvalScores {
  readonly answerable: number;
  readonly unanswerable: number;
  /** Share of answerable questions with a gold paragraph among the citations. */
  readonly goldCited: number;
  /** Share of answerable questions whose first citation is gold. */
  readonly firstGold: number;
  /** Share of answerable questions wrongly abstained on. */
  readonly falseAbstentions: number;
  /** Share of unanswerable questions abstained on. */
  readonly abstained: number;
  readonly misses: readonly string[];
}

/** Scores answers against gold paragraphs of one document (citations of other documents never count as gold). */
export function score(questions: readonly EvalQuestion[], answers: readonly Answer[], docId = SEED_DOC_ID): EvalScores {
  let answerable = 0, unanswerable = 0, goldCited = 0, firstGold = 0, falseAbstentions = 0, abstained = 0;
  const misses: string[] = [];
  questions.forEach((question, i) => {
    const answer = answers[i]!;
    const isGold = (c: { docId: string; paragraph: number }): boolean => c.docId === docId && question.gold.includes(c.paragraph);
    if (question.gold.length === 0) {
      unanswerable++;
      if (answer.abstained) abstained++;
      else misses.push(`answered unanswerable: ${question.q} -> ${answer.citations.map((c) => c.paragraph).join(",")}`);
      return;
    }
    answerable++;
    if (answer.abstained) {
      falseAbstentions++;
      misses.push(`abstained: ${question.q} (gold ${question.gold.join(",")})`);
      return;
    }
    if (answer.citations.some(isGold)) goldCited++;
    else misses.push(`no gold: ${question.q} (gold ${question.gold.join(",")}) -> ${answer.citations.map((c) => `${c.docId === docId ? "" : c.docId + ":"}${c.paragraph}`).join(",")}`);
    if (answer.citations[0] && isGold(answer.citations[0])) firstGold++;
  });
  return {
    answerable,
    unanswerable,
    goldCited: goldCited / Math.max(1, answerable),
    firstGold: firstGold / Math.max(1, answerable),
    falseAbstentions: falseAbstentions / Math.max(1, answerable),
    abstained: abstained / Math.max(1, unanswerable),
    misses,
  };
}

export interface SpeechQuestion {
  readonly q: string;
  /** The speech's document id; null when no speech answers it. */
  readonly doc: string | null;
  /** Words of that speech, verbatim, that hold the answer. */
  readonly answer: string | null;
  readonly kind: string;
}

export interface SpeechScores {
  readonly answerable: number;
  readonly unanswerable: number;
  /** Share of answerable questions citing the right speech at all, and first. */
  readonly docCited: number;
  readonly firstDoc: number;
  /** Share whose citations of the right speech quote the words that answer it, in any citation and in the first. */
  readonly answerQuoted: number;
  readonly firstQuoted: number;
  readonly falseAbstentions: number;
  readonly abstained: number;
}

/**
 * A speech is one long paragraph, so the paragraph number says nothing: an answer is scored by the speech it cites and
 * by whether its quote holds the words that answer the question.
 */
export function scoreSpeeches(questions: readonly SpeechQuestion[], answers: readonly Answer[]): SpeechScores {
  const flat = (text: string): string => text.replace(/\s+/g, " ").toLowerCase();
  let answerable = 0, unanswerable = 0, docCited = 0, firstDoc = 0, answerQuoted = 0, firstQuoted = 0, falseAbstentions = 0, abstained = 0;
  questions.forEach((question, i) => {
    const answer = answers[i]!;
    if (question.doc === null || question.answer === null) {
      unanswerable++;
      if (answer.abstained) abstained++;
      return;
    }
    answerable++;
    if (answer.abstained) {
      falseAbstentions++;
      return;
    }
    const { doc, answer: words } = question;
    const quotes = (c: { docId: string; quote: string }): boolean => c.docId === doc && flat(c.quote).includes(flat(words));
    const first = answer.citations[0];
    if (answer.citations.some((c) => c.docId === doc)) docCited++;
    if (first?.docId === doc) firstDoc++;
    if (answer.citations.some(quotes)) answerQuoted++;
    if (first && quotes(first)) firstQuoted++;
  });
  return {
    answerable,
    unanswerable,
    docCited: docCited / Math.max(1, answerable),
    firstDoc: firstDoc / Math.max(1, answerable),
    answerQuoted: answerQuoted / Math.max(1, answerable),
    firstQuoted: firstQuoted / Math.max(1, answerable),
    falseAbstentions: falseAbstentions / Math.max(1, answerable),
    abstained: abstained / Math.max(1, unanswerable),
  };
}
