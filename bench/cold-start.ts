// Cold start to first answer, in a fresh process: node --import tsx bench/cold-start.ts <corpusDir> <indexDir> [question]
// (bench/scale.ts runs it compiled, as the CLI is). Opens an index that is already built (it must not rebuild) and answers one question, then prints its own timings
// as one JSON line prefixed with COLD_START_MARKER. The parent times the whole process from spawn to exit.

import { COLD_START_MARKER, type ColdStartTimings } from "./protocol.js";

async function main(): Promise<void> {
  const bootMs = performance.now();
  const [corpusDir, indexDir, question = "According to the U.S. government, how many North Korean troops are in the Kursk region?"] =
    process.argv.slice(2);
  if (!corpusDir || !indexDir) {
    console.error("usage: node --import tsx bench/cold-start.ts <corpusDir> <indexDir> [question]");
    process.exitCode = 2;
    return;
  }
  let at = performance.now();
  const { openEngine } = await import("../src/answer/open.js");
  const importMs = performance.now() - at;
  at = performance.now();
  const { engine, report } = await openEngine({ corpusDir, indexDir });
  const openMs = performance.now() - at;
  at = performance.now();
  const answer = await engine.ask(question);
  const firstAnswerMs = performance.now() - at;
  const timings: ColdStartTimings = {
    bootMs,
    importMs,
    openMs,
    syncMs: report.seconds * 1000,
    firstAnswerMs,
    totalMs: performance.now(),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    passages: engine.passageCount,
    rebuilt: report.rebuilt ?? null,
    abstained: answer.abstained,
    citations: answer.citations.length,
  };
  console.log(COLD_START_MARKER + JSON.stringify(timings));
}

if (/cold-start\.[jt]s$/.test(process.argv[1] ?? "")) await main();
