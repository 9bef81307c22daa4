// Prints how often the answer to a conversation's second turn cites its gold paragraph, with and without the first
// turn as context. For tuning; tests/answer/follow-up.test.ts asserts the threshold.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openEngine } from "../src/answer/open.js";
import { FOLLOW_UPS, followUpHits } from "../tests/support/follow-up-set.js";

const work = await mkdtemp(path.join(tmpdir(), "sitrep-followups-"));
const { engine } = await openEngine({ corpusDir: path.resolve("corpus"), indexDir: path.join(work, "index") });
const withContext = await followUpHits(engine, FOLLOW_UPS, true);
const alone = await followUpHits(engine, FOLLOW_UPS, false);
console.log(`${FOLLOW_UPS.length} conversations: gold cited for turn 2 in ${withContext.hits} with context, ${alone.hits} without`);
if (process.argv.includes("--verbose")) for (const miss of withContext.misses) console.log("  " + miss);
// The index of 15k passages is ~150 MB; a temporary folder per run would pile up.
await rm(work, { recursive: true, force: true });
