import type { AnswerEngine } from "../../src/answer/engine.js";
import { readJsonLines, SEED_DOC_ID } from "./eval-set.js";

export interface Conversation {
  readonly turns: readonly [string, string];
  readonly gold: readonly number[];
}

export const FOLLOW_UPS = readJsonLines<Conversation>(new URL("../fixtures/eval/followups.jsonl", import.meta.url).pathname);

/** Counts conversations whose second answer cites a gold paragraph; `useContext` false asks the second turn alone. */
export async function followUpHits(
  engine: AnswerEngine,
  conversations: readonly Conversation[],
  useContext: boolean,
): Promise<{ hits: number; misses: string[] }> {
  let hits = 0;
  const misses: string[] = [];
  for (const { turns, gold } of conversations) {
    const first = await engine.ask(turns[0]);
    const second = useContext ? await engine.followUp([{ question: first.question }], turns[1]) : await engine.ask(turns[1]);
    if (second.citations.some((c) => c.docId === SEED_DOC_ID && gold.includes(c.paragraph))) hits++;
    else misses.push(`${turns.join(" → ")} (gold ${gold.join(",")}) → ${second.abstained ? "abstained" : second.citations.map((c) => c.paragraph).join(",")}`);
  }
  return { hits, misses };
}
