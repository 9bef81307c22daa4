// One scale of the benchmark, in its own process so that its peak RSS is its own. Started by bench/run.ts:
//   node --expose-gc --import tsx bench/scale.ts --scale N --work DIR --out FILE [--calls 300] [--warmup 10]
//        [--recall-queries 200] [--cold-runs 3] [--ef-sweep 256,512,1024|none] [--profile DIR] [--keep] [--distinct-copies]
// Builds seed + SOTU x N in DIR, ingests it in a fresh process (bench/ingest.ts, compiled like the CLI), times cold
// starts in fresh processes, warm ask/search in this one, and HNSW vs exact
// search, then writes a ScaleResult to FILE and deletes DIR (unless --keep).

import { spawn } from "node:child_process";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freshBuild } from "../bin/freshness.mjs";
import { bundle } from "../scripts/build.mjs";
import { localEmbeddings, openEngine } from "../src/answer/open.js";
import type { Answer } from "../src/answer/types.js";
import { readManifest } from "../src/retrieval/manifest.js";
import { DEFAULT_EF_SEARCH, HnswStore, INDEX_FILE } from "../src/retrieval/store/hnsw-store.js";
import { readJsonLines, score, SEED_QUESTIONS, type EvalQuestion } from "../tests/support/eval-set.js";
import { buildMixedCorpus } from "../tests/support/mixed-corpus.js";
import { intFlag, intListFlag, parseFlags, stringFlag } from "./args.js";
import { calibrate } from "./exact.js";
import { compareBuilds } from "./hnswlib-builds.js";
import { profileFile, type CpuProfile } from "./profile-summary.js";
import { profilePhase, summariseProfile } from "./profiler.js";
import {
  COLD_START_MARKER,
  INGEST_MARKER,
  type ColdStartRun,
  type ColdStartTimings,
  type IngestChildResult,
  type PhaseProfile,
  type ScaleResult,
} from "./protocol.js";
import { measureRecall } from "./recall.js";
import { MB, median, peakRssMb, percentiles, timeAsync } from "./stats.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const COLD_START_SOURCE = fileURLToPath(new URL("./cold-start.ts", import.meta.url));
const INGEST_SOURCE = fileURLToPath(new URL("./ingest.ts", import.meta.url));
const CLI = path.join(ROOT, "bin", "sitrep.mjs");

interface ScaleOptions {
  readonly scale: number;
  readonly work: string;
  readonly out: string;
  readonly calls: number;
  readonly warmup: number;
  readonly recallQueries: number;
  readonly coldRuns: number;
  readonly profileDir: string | undefined;
  readonly keep: boolean;
  readonly distinctCopies: boolean;
  readonly efSweep: readonly number[];
}

function log(scale: number, message: string): void {
  process.stderr.write(`[x${scale}] ${message}\n`);
}

async function folderSize(dir: string): Promise<{ bytes: number; files: number; byFile: Record<string, number> }> {
  let bytes = 0;
  let files = 0;
  const byFile: Record<string, number> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const size = (await stat(path.join(entry.parentPath, entry.name))).size;
    bytes += size;
    files++;
    byFile[entry.name] = (byFile[entry.name] ?? 0) + size;
  }
  return { bytes, files, byFile };
}

/**
 * The breakdown script compiled the way `npm run build` compiles the CLI, so its phases are those of the code users
 * run (no tsx transpiling in them).
 */
async function compileScripts(scale: number): Promise<{ ingest: string; coldStart: string }> {
  // Inside the project, so that its packages resolve from node_modules as the CLI's do.
  const outdir = path.join(ROOT, "dist", `bench-x${scale}`);
  await bundle({ "cold-start": COLD_START_SOURCE, ingest: INGEST_SOURCE }, outdir);
  return { ingest: path.join(outdir, "ingest.js"), coldStart: path.join(outdir, "cold-start.js") };
}

/** Runs `node <args>` from the repository root; stderr is passed through unless it is collected. */
async function runNode(args: readonly string[], collectStderr = false): Promise<{ code: number | null; stdout: string; stderr: string; wallMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", collectStderr ? "pipe" : "inherit"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  return { code, stdout, stderr, wallMs: performance.now() - started };
}

async function ingestChild(script: string, corpusDir: string, indexDir: string, profileFile: string | undefined): Promise<IngestChildResult> {
  const { code, stdout } = await runNode([script, corpusDir, indexDir, ...(profileFile ? [profileFile] : [])]);
  const line = stdout.split("\n").find((l) => l.startsWith(INGEST_MARKER));
  if (code !== 0 || !line) throw new Error(`ingest child exited with code ${code} and no figures; its stderr is above`);
  return JSON.parse(line.slice(INGEST_MARKER.length)) as IngestChildResult;
}

/** `sitrep ask --json` in a fresh process, spawn to exit: what a user waits for. */
async function cliColdStart(corpusDir: string, indexDir: string, question: string): Promise<number> {
  const { code, stdout, stderr, wallMs } = await runNode([CLI, "ask", "--json", "--corpus", corpusDir, "--index", indexDir, question], true);
  if (code !== 0) throw new Error(`sitrep ask exited with code ${code}: ${stderr.trim().slice(0, 500)}`);
  if (/rebuild/i.test(stderr)) throw new Error(`sitrep ask rebuilt the index, which is not a cold start: ${stderr.trim().slice(0, 300)}`);
  JSON.parse(stdout);
  return wallMs;
}

async function coldStart(script: string, corpusDir: string, indexDir: string, question: string, nodeArgs: readonly string[] = []): Promise<ColdStartRun> {
  const { code, stdout, wallMs } = await runNode([...nodeArgs, script, corpusDir, indexDir, question]);
  const line = stdout.split("\n").find((l) => l.startsWith(COLD_START_MARKER));
  if (code !== 0 || !line) {
    const printed = stdout.trim() ? `; it printed: ${stdout.trim().slice(0, 500)}` : "; its stderr is above";
    throw new Error(`cold-start child exited with code ${code} and no timings${printed}`);
  }
  const timings = JSON.parse(line.slice(COLD_START_MARKER.length)) as ColdStartTimings;
  if (timings.rebuilt) throw new Error(`cold-start child rebuilt the index (${timings.rebuilt}): its timings are not a cold start`);
  return { ...timings, wallMs };
}

async function timedCalls<T>(count: number, questions: readonly string[], call: (q: string) => Promise<T>): Promise<{ ms: number[]; values: T[] }> {
  const ms: number[] = [];
  const values: T[] = [];
  for (let i = 0; i < count; i++) {
    const q = questions[i % questions.length]!;
    const started = performance.now();
    values.push(await call(q));
    ms.push(performance.now() - started);
  }
  return { ms, values };
}

type Profiles = { ingest?: PhaseProfile; coldStart?: PhaseProfile; ask?: PhaseProfile };

/** Corpus, ingest, cold starts and warm latency: everything that needs the engine, which is dropped on return. */
async function ingestAndServe(o: ScaleOptions, questions: readonly EvalQuestion[], profiles: Profiles) {
  const texts = questions.map((q) => q.q);
  const corpusDir = path.join(o.work, "corpus");
  const indexDir = path.join(o.work, "index");
  const written = await timeAsync(() => buildMixedCorpus(corpusDir, o.scale, o.distinctCopies));
  const corpusSize = await folderSize(corpusDir);
  log(o.scale, `corpus: ${corpusSize.files} files, ${(corpusSize.bytes / MB).toFixed(1)} MB`);

  // Ingest: a first full build on an empty index dir, in a fresh process of the compiled code, as `sitrep ingest`.
  const scripts = await compileScripts(o.scale);
  const ingested = await ingestChild(scripts.ingest, corpusDir, indexDir, o.profileDir ? path.join(o.profileDir, `x${o.scale}-ingest.cpuprofile`) : undefined);
  if (ingested.profile) profiles.ingest = ingested.profile;
  const ingestWallS = ingested.wallS;
  const ingestCpuS = ingested.cpuS;
  const rssAfterIngest = ingested.maxRssMb;
  const manifest = await readManifest(indexDir);
  if (!manifest.ok) throw new Error(`no index was published: ${manifest.reason}`);
  const generationDir = path.join(indexDir, manifest.manifest.generation);
  const indexSize = await folderSize(generationDir);
  log(o.scale, `ingest: ${ingested.passages} passages in ${ingestWallS.toFixed(1)} s (${ingestCpuS.toFixed(1)} CPU s, peak RSS ${rssAfterIngest.toFixed(0)} MB)`);
  // This process then serves from the built index, as a bot started after `sitrep ingest` would.
  const { engine, report } = await openEngine({ corpusDir, indexDir, warn: (m) => log(o.scale, `warning: ${m}`) });
  if (report.rebuilt) throw new Error(`opening the ingested index rebuilt it (${report.rebuilt})`);

  // Cold start in fresh processes, while this one sits idle: the CLI as users run it, then the breakdown script.
  const runs: ColdStartRun[] = [];
  const cliWalls: number[] = [];
  const cliFromDist = freshBuild(ROOT) !== undefined;
  if (!cliFromDist) log(o.scale, "warning: dist/ is missing or older than src/, so the CLI cold start runs through tsx (npm run build)");
  let coldError: string | undefined;
  let script = "";
  try {
    script = scripts.coldStart;
    for (let i = 0; i < o.coldRuns; i++) {
      cliWalls.push(await cliColdStart(corpusDir, indexDir, texts[0]!));
      runs.push(await coldStart(script, corpusDir, indexDir, texts[0]!));
      log(o.scale, `cold start ${i + 1}/${o.coldRuns}: sitrep ask ${cliWalls.at(-1)!.toFixed(0)} ms, breakdown script ${runs.at(-1)!.wallMs.toFixed(0)} ms`);
    }
  } catch (error) {
    coldError = (error as Error).message;
    log(o.scale, `cold start failed, going on without it: ${coldError}`);
  }
  if (o.profileDir && coldError === undefined) {
    // An extra, untimed run under --cpu-prof; tsx's loader thread writes a second, smaller profile beside it.
    const dir = path.join(o.profileDir, `x${o.scale}-cold-start`);
    await rm(dir, { recursive: true, force: true });
    await coldStart(script, corpusDir, indexDir, texts[0]!, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    const file = profileFile(dir);
    profiles.coldStart = summariseProfile(file, JSON.parse(await readFile(file, "utf8")) as CpuProfile);
  }
  const coldWalls = runs.map((r) => r.wallMs);
  const medianRun = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)];

  // Warm ask and search latency.
  const first = await timeAsync(() => engine.ask(texts[0]!));
  // This process opened the index cold (ingest ran elsewhere), so one untimed pass over every question fills the
  // word and sentence caches that ingest used to fill in the same process; `--warmup` adds to it.
  await timedCalls(Math.max(o.warmup, texts.length) - 1, texts.slice(1), (q) => engine.ask(q));
  const asked = await timedCalls(o.calls, texts, (q) => engine.ask(q));
  await timedCalls(o.warmup, texts, (q) => engine.search(q));
  const searched = await timedCalls(o.calls, texts, (q) => engine.search(q));
  const firstPass: Answer[] = asked.values.slice(0, texts.length);
  const quality = score(questions.slice(0, firstPass.length), firstPass);
  const ask = percentiles(asked.ms);
  const search = percentiles(searched.ms);
  log(o.scale, `ask p50 ${ask.p50.toFixed(2)} ms p99 ${ask.p99.toFixed(2)} ms; search p50 ${search.p50.toFixed(2)} ms`);
  // Ingest ran in its own process: the figure held against the target is the higher of the two peaks.
  const rssAfterServe = Math.max(rssAfterIngest, peakRssMb());
  if (o.profileDir) {
    // A separate, untimed pass, so profiling does not inflate the latencies above.
    const profiled = await profilePhase(path.join(o.profileDir, `x${o.scale}-ask.cpuprofile`), () =>
      timedCalls(o.calls, texts, (q) => engine.ask(q)),
    );
    profiles.ask = profiled.profile;
  }

  return {
    generationDir,
    documents: ingested.documents,
    passages: ingested.passages,
    corpus: { files: corpusSize.files, mb: corpusSize.bytes / MB, writeMs: written.ms },
    ingest: {
      wallS: ingestWallS,
      cpuS: ingestCpuS,
      syncS: ingested.syncS,
      passagesPerS: ingested.passages / ingestWallS,
      indexMb: indexSize.bytes / MB,
      indexFiles: Object.fromEntries(Object.entries(indexSize.byFile).map(([name, bytes]) => [name, bytes / MB])),
    },
    coldStart: {
      runs,
      cliFromDist,
      cliWallMs: cliWalls,
      wallMsMedian: median(cliWalls),
      wallMsMin: cliWalls.length > 0 ? Math.min(...cliWalls) : Number.NaN,
      breakdownWallMsMedian: median(coldWalls),
      ...(coldError !== undefined ? { error: coldError } : {}),
    },
    coldStartRssMb: medianRun?.maxRssMb ?? Number.NaN,
    firstAskMs: first.ms,
    ask,
    search,
    quality: {
      answerable: quality.answerable,
      goldCited: quality.goldCited,
      unanswerable: quality.unanswerable,
      unanswerableAbstained: quality.abstained,
    },
    rssAfterIngest,
    rssAfterServe,
  };
}

async function runScale(o: ScaleOptions): Promise<ScaleResult> {
  const began = performance.now();
  const profiles: Profiles = {};
  const loadStart = loadavg()[0] ?? 0;
  const calibrationStart = calibrate();
  const questions = readJsonLines<EvalQuestion>(SEED_QUESTIONS);
  const { generationDir, coldStartRssMb, rssAfterIngest, rssAfterServe, ...served } = await ingestAndServe(o, questions, profiles);

  // Recall and the exact baseline, on a store reloaded from the published generation. The engine is unreachable
  // now; collecting it keeps the recall phase's peak RSS from stacking on the engine's.
  globalThis.gc?.();
  const embeddings = localEmbeddings();
  const recall = await measureRecall(
    (efSearch) => HnswStore.load(generationDir, embeddings, efSearch === undefined ? {} : { efSearch }),
    embeddings,
    questions.map((q) => q.q),
    { k: 10, queries: o.recallQueries, warmup: 10, seed: 7, efSweep: o.efSweep },
  );
  log(o.scale, `recall@10 ${recall.recall.toFixed(4)}; HNSW p50 ${recall.hnswMs.p50.toFixed(2)} ms vs exact p50 ${recall.exactMs.p50.toFixed(2)} ms`);
  const questionVectors = await Promise.all(questions.map((q) => embeddings.embedQuery(q.q)));
  const builds = await compareBuilds(path.join(generationDir, INDEX_FILE), questionVectors[0]?.length ?? 0, DEFAULT_EF_SEARCH, questionVectors, 10, 10);
  log(o.scale, `hnswlib ${builds.loaded}: searchKnn p50 ${builds.loadedMs.p50.toFixed(2)} ms vs npm's portable build ${builds.portableMs.p50.toFixed(2)} ms`);

  return {
    scale: o.scale,
    ...served,
    storeLoadMs: recall.storeLoadMs,
    recall,
    hnswlibBuilds: builds,
    rssMb: { afterIngest: rssAfterIngest, afterServe: rssAfterServe, final: peakRssMb(), coldStartChild: coldStartRssMb },
    calibrationMs: { start: calibrationStart, end: calibrate() },
    loadAverage: { start: loadStart, end: loadavg()[0] ?? 0 },
    profiled: o.profileDir !== undefined,
    ...(o.profileDir ? { profiles } : {}),
    seconds: (performance.now() - began) / 1000,
  };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const work = stringFlag(flags, "work");
  const out = stringFlag(flags, "out");
  if (!work || !out) throw new Error("usage: bench/scale.ts --scale N --work DIR --out FILE (normally started by bench/run.ts)");
  const options: ScaleOptions = {
    scale: intFlag(flags, "scale", 1),
    work,
    out,
    calls: intFlag(flags, "calls", 300),
    warmup: intFlag(flags, "warmup", 10),
    recallQueries: intFlag(flags, "recall-queries", 200),
    coldRuns: intFlag(flags, "cold-runs", 3),
    profileDir: stringFlag(flags, "profile"),
    keep: flags.has("keep"),
    distinctCopies: flags.has("distinct-copies"),
    efSweep: stringFlag(flags, "ef-sweep") === "none" ? [] : intListFlag(flags, "ef-sweep", []),
  };
  try {
    const result = await runScale(options);
    await writeFile(out, JSON.stringify(result, null, 2));
  } finally {
    if (!options.keep) await rm(work, { recursive: true, force: true });
  }
}

await main();
