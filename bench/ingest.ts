// A first full ingest in a fresh process, as `sitrep ingest` does it: node bench/ingest.ts <corpusDir> <indexDir>
// [profileFile]. bench/scale.ts runs it compiled like the CLI, so the feature thread takes part (under tsx it cannot
// start, and indexing analyses passages in the main thread). Prints its figures as one JSON line after INGEST_MARKER.

import { profilePhase } from "./profiler.js";
import { INGEST_MARKER, type IngestChildResult } from "./protocol.js";
import { cpuSeconds, peakRssMb } from "./stats.js";

async function main(): Promise<void> {
  const [corpusDir, indexDir, profileFile] = process.argv.slice(2);
  if (!corpusDir || !indexDir) {
    console.error("usage: node bench/ingest.ts <corpusDir> <indexDir> [profileFile]");
    process.exitCode = 2;
    return;
  }
  const { openEngine } = await import("../src/answer/open.js");
  let lastProgress = 0;
  const open = () =>
    openEngine({
      corpusDir,
      indexDir,
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - lastProgress < 10_000 && done < total) return;
        lastProgress = now;
        process.stderr.write(`ingest: ${done}/${total} passages embedded and inserted\n`);
      },
      warn: (message) => process.stderr.write(`warning: ${message}\n`),
    });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { value: opened, profile } = profileFile ? await profilePhase(profileFile, open) : { value: await open(), profile: undefined };
  const result: IngestChildResult = {
    wallS: (performance.now() - started) / 1000,
    cpuS: cpuSeconds(cpuBefore),
    syncS: opened.report.seconds,
    documents: opened.report.documents,
    passages: opened.report.passages,
    maxRssMb: peakRssMb(),
    ...(profile ? { profile } : {}),
  };
  console.log(INGEST_MARKER + JSON.stringify(result));
}

if (/ingest\.[jt]s$/.test(process.argv[1] ?? "")) await main();
