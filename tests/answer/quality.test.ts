import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open.js";
import type { Answer } from "../../src/answer/types.js";
import {
  BLIND_QUESTIONS,
  DESK_QUESTIONS,
  HOLDOUT_QUESTIONS,
  PROBE_QUESTIONS,
  readJsonLines,
  score,
  scoreSpeeches,
  SEED_QUESTIONS,
  SPEECH_QUESTIONS,
  type EvalQuestion,
  type SpeechQuestion,
} from "../support/eval-set.js";
import { buildMixedCorpus } from "../support/mixed-corpus.js";

// Measured on tests/fixtures/eval/seed-questions.jsonl (106 questions, most of them paraphrases with little word
// overlap). On the bundled article these are the answer-engine issue's targets: a gold paragraph cited for ≥ 90% of
// the answerable questions, the first citation gold for ≥ 80%, ≤ 5% false abstentions, ≥ 75% of the unanswerable ones
// abstained (measured 90.2/80.5/2.4/87.5%: the first two are one question above theirs). With the addresses they
// guard against regressions (measured 70.7/64.6/3.7/75.0%).
const SEED_FLOORS = { goldCited: 0.9, firstGold: 0.8, maxFalseAbstentions: 0.05, abstained: 0.75 };
const MIXED_FLOORS = { goldCited: 0.68, firstGold: 0.62, maxFalseAbstentions: 0.05, abstained: 0.7 };
// The held-out sets, on the bundled article only: written apart from the engine, though their misses have been read
// since; a change that makes them worse should be seen (measured 88.7/79.2/0.0/80.0%, 97.9/87.5/0.0/68.8%,
// 90.5/85.7/2.4/85.7% and 80.0/66.7/3.3/50.0%).
const HELD_OUT_FLOORS = [
  { name: "held-out", set: HOLDOUT_QUESTIONS, goldCited: 0.86, firstGold: 0.77, maxFalseAbstentions: 0.02, abstained: 0.76 },
  { name: "blind", set: BLIND_QUESTIONS, goldCited: 0.95, firstGold: 0.85, maxFalseAbstentions: 0.03, abstained: 0.62 },
  { name: "desk", set: DESK_QUESTIONS, goldCited: 0.88, firstGold: 0.83, maxFalseAbstentions: 0.05, abstained: 0.78 },
  { name: "probe", set: PROBE_QUESTIONS, goldCited: 0.76, firstGold: 0.63, maxFalseAbstentions: 0.07, abstained: 0.4 },
];

// Questions about four of the addresses, asked among all of them (measured 97.5/92.5/77.5/2.5/50.0%).
const SPEECH_FLOORS = { docCited: 0.95, firstDoc: 0.9, answerQuoted: 0.75, maxFalseAbstentions: 0.05, abstained: 0.4 };

const questions = readJsonLines<EvalQuestion>(SEED_QUESTIONS);
const corpusDir = new URL("../../corpus", import.meta.url).pathname;

async function answerAll(corpus: string, indexDir: string, asked: readonly { q: string }[] = questions): Promise<Answer[]> {
  const { engine } = await openEngine({ corpusDir: corpus, indexDir });
  const answers: Answer[] = [];
  for (const q of asked) answers.push(await engine.ask(q.q));
  return answers;
}

describe("answer quality on the seed question set", () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "sitrep-quality-"));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("GIVEN the question set THEN it has ≥ 40 answerable questions, mostly paraphrased, and ≥ 10 unanswerable", () => {
    const answerable = questions.filter((q) => q.gold.length > 0);
    expect(answerable.length).toBeGreaterThanOrEqual(40);
    expect(answerable.filter((q) => q.kind === "paraphrase").length).toBeGreaterThanOrEqual(20);
    expect(questions.filter((q) => q.gold.length === 0).length).toBeGreaterThanOrEqual(10);
    expect(answerable.every((q) => q.gold.every((p) => Number.isInteger(p) && p >= 1 && p <= 14))).toBe(true);
  });

  it("GIVEN the bundled corpus WHEN every question is asked THEN gold is cited for ≥ 90%, first for ≥ 80%, ≤ 5% are falsely abstained on and ≥ 75% of the unanswerable abstained", async () => {
    const s = score(questions, await answerAll(corpusDir, path.join(work, "seed-index")));
    expect(s.goldCited).toBeGreaterThanOrEqual(SEED_FLOORS.goldCited);
    expect(s.firstGold).toBeGreaterThanOrEqual(SEED_FLOORS.firstGold);
    expect(s.falseAbstentions).toBeLessThanOrEqual(SEED_FLOORS.maxFalseAbstentions);
    expect(s.abstained).toBeGreaterThanOrEqual(SEED_FLOORS.abstained);
  });

  it.each(HELD_OUT_FLOORS)("GIVEN the $name set and the bundled corpus THEN it stays above its measured floors", async (floors) => {
    const heldOut = readJsonLines<EvalQuestion>(floors.set);
    const s = score(heldOut, await answerAll(corpusDir, path.join(work, "seed-index"), heldOut));
    expect(s.goldCited).toBeGreaterThanOrEqual(floors.goldCited);
    expect(s.firstGold).toBeGreaterThanOrEqual(floors.firstGold);
    expect(s.falseAbstentions).toBeLessThanOrEqual(floors.maxFalseAbstentions);
    expect(s.abstained).toBeGreaterThanOrEqual(floors.abstained);
  });

  it("GIVEN the corpus mixed among the 233 State of the Union addresses THEN the seed article is still found and cited, unanswerable questions abstained, and questions about the addresses find their speech", async () => {
    const mixed = await buildMixedCorpus(path.join(work, "mixed"));
    const speechQuestions = readJsonLines<SpeechQuestion>(SPEECH_QUESTIONS);
    const answers = await answerAll(mixed, path.join(work, "mixed-index"), [...questions, ...speechQuestions]);

    const s = score(questions, answers.slice(0, questions.length));
    expect(s.goldCited).toBeGreaterThanOrEqual(MIXED_FLOORS.goldCited);
    expect(s.firstGold).toBeGreaterThanOrEqual(MIXED_FLOORS.firstGold);
    expect(s.falseAbstentions).toBeLessThanOrEqual(MIXED_FLOORS.maxFalseAbstentions);
    expect(s.abstained).toBeGreaterThanOrEqual(MIXED_FLOORS.abstained);
    const speeches = scoreSpeeches(speechQuestions, answers.slice(questions.length));
    expect(speeches.docCited).toBeGreaterThanOrEqual(SPEECH_FLOORS.docCited);
    expect(speeches.firstDoc).toBeGreaterThanOrEqual(SPEECH_FLOORS.firstDoc);
    expect(speeches.answerQuoted).toBeGreaterThanOrEqual(SPEECH_FLOORS.answerQuoted);
    expect(speeches.falseAbstentions).toBeLessThanOrEqual(SPEECH_FLOORS.maxFalseAbstentions);
    expect(speeches.abstained).toBeGreaterThanOrEqual(SPEECH_FLOORS.abstained);
  }, 600_000);
});
