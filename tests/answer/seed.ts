import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The seed article shipped in corpus/: one paragraph per line, paragraph n is line n. */
export const CORPUS_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
export const SEED_FILE = "north-korean-troops-in-russias-war.txt";
export const SEED_ID = "north-korean-troops-in-russias-war";
export const SEED_TITLE = "North Korean Troops in Russias War";
export const PARAGRAPHS: readonly string[] = readFileSync(path.join(CORPUS_DIR, SEED_FILE), "utf8").split("\n");

export interface EvalQuestion {
  readonly q: string;
  readonly gold: readonly number[];
  readonly kind: string;
}

export const QUESTIONS: readonly EvalQuestion[] = readFileSync(
  fileURLToPath(new URL("../fixtures/eval/seed-questions.jsonl", import.meta.url)),
  "utf8",
)
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as EvalQuestion);

/** The sentences of an answer, each with the number of the marker that follows it. */
export function markedSentences(answer: string): { text: string; n: number }[] {
  return [...answer.matchAll(/\s*(.+?) \[(\d+)\]/gsu)].map((m) => ({ text: m[1]!, n: Number(m[2]) }));
}
