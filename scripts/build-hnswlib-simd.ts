// Compiles a second copy of hnswlib-node's addon for this machine's vector instructions (see
// src/retrieval/store/hnswlib-addon.ts for why and when it is loaded). Run by `npm install` through `prepare`;
// npm has just compiled hnswlib-node from source for baseline x86-64, so this needs nothing more than that did.
//
//   node --import tsx scripts/build-hnswlib-simd.ts               build it unless an up-to-date one is there
//   node --import tsx scripts/build-hnswlib-simd.ts --force       rebuild it
//   node --import tsx scripts/build-hnswlib-simd.ts --if-possible  a failed compile is a note, not a failure

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, cp, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { installedHnswlib, readBuildInfo, readCpuFlags, SIMD_BUILD_INFO, type SimdBuildInfo } from "../src/retrieval/store/hnswlib-addon.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Marks hnswlib's large blocks for transparent huge pages: see the header. */
const HUGE_PAGES_HEADER = path.join(ROOT, "scripts", "hnswlib-huge-pages.h");
/** Bumped whenever the compile itself changes, so an install built the older way is rebuilt. 2: huge-page hint. */
const RECIPE = 2;

/**
 * Best first. Only the extensions hnswlib's kernels use are enabled, not a whole -march level: gcc's x86-64-v3
 * also assumes LZCNT, which some hypervisors hide from /proc/cpuinfo (this machine's does), and the loader can only
 * vouch for what the flags show.
 */
const LEVELS = [
  { level: "avx512", cflags: "-mavx -mavx2 -mfma -mavx512f", requires: ["avx", "avx2", "fma", "avx512f"] },
  { level: "avx2", cflags: "-mavx -mavx2 -mfma", requires: ["avx", "avx2", "fma"] },
];

function nodeGyp(): string | undefined {
  // npm names its own node-gyp to the scripts it runs; outside npm, look beside the npm that ships with Node.
  const candidates = [process.env.npm_config_node_gyp, path.join(path.dirname(process.execPath), "../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js")];
  return candidates.find((file): file is string => file !== undefined && existsSync(file));
}

function tail(text: string, lines: number): string {
  return text.trim().split("\n").slice(-lines).join(" | ");
}

/** node-gyp ends with a banner of versions; its first error lines say what went wrong. */
function firstErrors(text: string): string {
  const errors = text.split("\n").filter((line) => /ERR!|error/i.test(line));
  return (errors.length > 0 ? errors : text.trim().split("\n").slice(-3)).slice(0, 3).join(" | ");
}

/** Loads the addon in a child process and builds a tiny graph, so a bad build is caught here, not by a crash later. */
function smokeTest(addon: string): void {
  const script = `const { HierarchicalNSW } = require(${JSON.stringify(addon)}); const h = new HierarchicalNSW("cosine", 32);
h.initIndex(8); for (let i = 0; i < 8; i++) h.addPoint(Array.from({ length: 32 }, (_, d) => Math.sin(i * 32 + d)), i);
if (h.searchKnn(Array.from({ length: 32 }, (_, d) => Math.sin(3 * 32 + d)), 1).neighbors[0] !== 3) process.exit(1);`;
  const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`the compiled addon failed its check (${result.signal ?? `exit ${String(result.status)}`}) ${tail(result.stderr, 2)}`);
}

async function build(packageDir: string, info: SimdBuildInfo, cflags: string, outDir: string): Promise<void> {
  const gyp = nodeGyp();
  if (!gyp) throw new Error("node-gyp was not found");
  const cacheDir = path.join(ROOT, "node_modules", ".cache");
  await mkdir(cacheDir, { recursive: true });
  // Inside the project, so binding.gyp's require('node-addon-api') resolves as it did for npm's own build.
  const work = await mkdtemp(path.join(cacheDir, "sitrep-hnswlib-"));
  try {
    await copyFile(path.join(packageDir, "binding.gyp"), path.join(work, "binding.gyp"));
    await cp(path.join(packageDir, "src"), path.join(work, "src"), { recursive: true });
    const result = spawnSync(process.execPath, [gyp, "rebuild"], {
      cwd: work,
      encoding: "utf8",
      env: {
        ...process.env,
        CXXFLAGS: `${process.env.CXXFLAGS ?? ""} -O3 ${cflags} -include ${JSON.stringify(HUGE_PAGES_HEADER)}`.trim(),
        NODE_PATH: [path.join(packageDir, "node_modules"), path.join(ROOT, "node_modules")].join(path.delimiter),
      },
    });
    if (result.status !== 0) throw new Error(`node-gyp failed: ${firstErrors(`${result.stdout}\n${result.stderr}`)}`);
    const compiled = path.join(work, "build", "Release", "addon.node");
    smokeTest(compiled);
    await mkdir(outDir, { recursive: true });
    // The info file is what makes the loader use the addon, so it goes last.
    await rm(path.join(outDir, SIMD_BUILD_INFO), { force: true });
    await copyFile(compiled, path.join(outDir, "addon.node.tmp"));
    await rename(path.join(outDir, "addon.node.tmp"), path.join(outDir, "addon.node"));
    await writeFile(path.join(outDir, SIMD_BUILD_INFO), `${JSON.stringify(info, null, 2)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function upToDate(outDir: string, wanted: SimdBuildInfo): boolean {
  const info = readBuildInfo(outDir);
  return (
    info !== undefined &&
    existsSync(path.join(outDir, "addon.node")) &&
    info.level === wanted.level &&
    info.hnswlibVersion === wanted.hnswlibVersion &&
    info.modules === wanted.modules &&
    info.recipe === wanted.recipe
  );
}

const ifPossible = process.argv.includes("--if-possible");
const flags = readCpuFlags();
const best = process.arch === "x64" ? LEVELS.find(({ requires }) => requires.every((flag) => flags.has(flag))) : undefined;
if (best) {
  const { packageDir, version, buildDir: outDir } = installedHnswlib();
  const info: SimdBuildInfo = { level: best.level, requires: best.requires, hnswlibVersion: version, modules: process.versions.modules, recipe: RECIPE };
  if (process.argv.includes("--force") || !upToDate(outDir, info)) {
    const started = Date.now();
    try {
      await build(packageDir, info, best.cflags, outDir);
      console.log(`sitrep: hnswlib-node compiled for ${info.level} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(`sitrep: hnswlib-node not compiled for ${info.level} (${reason}); the portable build is used.`);
      if (!ifPossible) process.exitCode = 1;
    }
  }
}
