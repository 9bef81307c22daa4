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
