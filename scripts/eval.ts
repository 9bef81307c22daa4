// Prints retrieval and abstention quality over the question set, on the bundled corpus alone and with the State of
// the Union addresses as distractors (`--sotu`). For tuning; the test suite asserts the thresholds. `--holdout`
// scores the held-out set instead, which is written blind to the engine and never tuned on: only compare with it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openEngine } from "../src/answer/open.js";
import { HOLDOUT_QUESTIONS, readJsonLines, score, SEED_QUESTIONS, type EvalQuestion } from "../tests/support/eval-set.js";
import { buildMixedCorpus } from "../tests/support/mixed-corpus.js";

const withSotu = process.argv.includes("--sotu");
const verbose = process.argv.includes("--verbose");
const holdout = process.argv.includes("--holdout");
const questions = readJsonLines<EvalQuestion>(holdout ? HOLDOUT_QUESTIONS : SEED_QUESTIONS);
const work = await mkdtemp(path.join(tmpdir(), "sitrep-eval-"));
const corpusDir = withSotu ? await buildMixedCorpus(path.join(work, "corpus")) : path.resolve("corpus");
const { engine } = await openEngine({ corpusDir, indexDir: path.join(work, "index") });
const answers = [];
for (const q of questions) answers.push(await engine.ask(q.q));
const s = score(questions, answers);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
console.log(`${holdout ? "held-out questions, " : ""}${withSotu ? "seed + SOTU" : "seed only"}: ${s.answerable} answerable, ${s.unanswerable} unanswerable, ${engine.passageCount} passages`);
console.log(`gold cited ${pct(s.goldCited)}  first gold ${pct(s.firstGold)}  false abstentions ${pct(s.falseAbstentions)}  unanswerable abstained ${pct(s.abstained)}`);
if (verbose) for (const m of s.misses) console.log("  " + m);
// The index of 15k passages is ~150 MB; a temporary folder per run would pile up.
await rm(work, { recursive: true, force: true });
