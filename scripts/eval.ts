// Prints retrieval and abstention quality over the question set, on the bundled corpus alone and with the State of
// the Union addresses as distractors (`--sotu`). For tuning; the test suite asserts the thresholds. `--holdout`,
// `--blind`, `--desk` and `--probe` score the held-out sets instead, which were written blind to the engine: only compare with them.
// `--speeches` asks the blind questions about four of the addresses, always among all of them.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openEngine } from "../src/answer/open.js";
import type { Answer } from "../src/answer/types.js";
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
} from "../tests/support/eval-set.js";
import { buildMixedCorpus } from "../tests/support/mixed-corpus.js";

const speeches = process.argv.includes("--speeches");
const withSotu = speeches || process.argv.includes("--sotu");
const verbose = process.argv.includes("--verbose");
const HELD_OUT = {
  "--holdout": ["held-out", HOLDOUT_QUESTIONS],
  "--blind": ["blind", BLIND_QUESTIONS],
  "--desk": ["desk", DESK_QUESTIONS],
  "--probe": ["probe", PROBE_QUESTIONS],
} as const;
const [heldOut, heldOutFile] = Object.entries(HELD_OUT).find(([flag]) => process.argv.includes(flag))?.[1] ?? [undefined, SEED_QUESTIONS];
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

const work = await mkdtemp(path.join(tmpdir(), "sitrep-eval-"));
const corpusDir = withSotu ? await buildMixedCorpus(path.join(work, "corpus")) : path.resolve("corpus");
const { engine } = await openEngine({ corpusDir, indexDir: path.join(work, "index") });
async function askAll(questions: readonly { q: string }[]): Promise<Answer[]> {
  const answers = [];
  for (const q of questions) answers.push(await engine.ask(q.q));
  return answers;
}

if (speeches) {
  const questions = readJsonLines<SpeechQuestion>(SPEECH_QUESTIONS);
  const s = scoreSpeeches(questions, await askAll(questions));
  console.log(`speech questions, seed + SOTU: ${s.answerable} answerable, ${s.unanswerable} unanswerable, ${engine.passageCount} passages`);
  console.log(
    `right speech cited ${pct(s.docCited)}  first ${pct(s.firstDoc)}  answer quoted ${pct(s.answerQuoted)}  first ${pct(s.firstQuoted)}  ` +
      `false abstentions ${pct(s.falseAbstentions)}  unanswerable abstained ${pct(s.abstained)}`,
  );
} else {
  const questions = readJsonLines<EvalQuestion>(heldOutFile);
  const s = score(questions, await askAll(questions));
  console.log(`${heldOut ? `${heldOut} questions, ` : ""}${withSotu ? "seed + SOTU" : "seed only"}: ${s.answerable} answerable, ${s.unanswerable} unanswerable, ${engine.passageCount} passages`);
  console.log(`gold cited ${pct(s.goldCited)}  first gold ${pct(s.firstGold)}  false abstentions ${pct(s.falseAbstentions)}  unanswerable abstained ${pct(s.abstained)}`);
  if (verbose) for (const m of s.misses) console.log("  " + m);
}
// The index of 15k passages is ~150 MB; a temporary folder per run would pile up.
await rm(work, { recursive: true, force: true });
