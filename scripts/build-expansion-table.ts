// Builds src/retrieval/embeddings/wordnet-expansions.bin: the WordNet expansions (FeatureExtractor.relatedFactorsOf)
// of the commonest English words, ranked by the word vectors' frequencies, so sitrep need not look them up at every
// start. Run by `npm install` through `prepare`, after the word vectors and before scripts/build.mjs copies it beside
// the bundle. Only the bundle built from the same code uses it (scripts/expansion-code.mjs).
//
//   node --import tsx scripts/build-expansion-table.ts                build it unless an up-to-date one is there
//   node --import tsx scripts/build-expansion-table.ts --if-possible  a failure is a warning, not an error

import path from "node:path";
import { fileURLToPath } from "node:url";
import { expansionCode } from "./expansion-code.mjs";
import { ExpansionTable, expansionFingerprint, INSTALLED_EXPANSIONS, writeExpansionTable } from "../src/retrieval/embeddings/expansion-table.js";
import { FeatureExtractor, type RelatedFactors } from "../src/retrieval/embeddings/features.js";
import { referenceIdf } from "../src/retrieval/embeddings/idf.js";
import { defaultDictDir, WordNet } from "../src/retrieval/embeddings/wordnet.js";
import { INSTALLED_WORD_VECTORS, PackedWordVectors } from "../src/retrieval/semantic/word-vectors.js";
import { isStopword } from "../src/retrieval/text/terms.js";

/** The commonest words taken: they make up nearly all of the words of news articles, in ~4 MB. */
const COMMONEST = 30_000;
const PLAIN_WORD = /^[a-z][a-z'-]*[a-z]$/;

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ifPossible = process.argv.includes("--if-possible");
try {
  const fingerprint = expansionFingerprint(expansionCode(ROOT), defaultDictDir());
  if (ExpansionTable.read(INSTALLED_EXPANSIONS, fingerprint) === undefined) {
    const started = Date.now();
    const vectors = PackedWordVectors.read(INSTALLED_WORD_VECTORS);
    const extractor = new FeatureExtractor(WordNet.open(undefined, { inMemory: true }), referenceIdf());
    const words = new Map<string, RelatedFactors>();
    for (const word of vectors.commonestWords(COMMONEST)) {
      if (word.length >= 3 && PLAIN_WORD.test(word) && !isStopword(word)) words.set(word, extractor.relatedFactorsOf(word));
    }
    await writeExpansionTable(INSTALLED_EXPANSIONS, fingerprint, words);
    console.log(`sitrep: WordNet expansions of ${words.size} common words saved in ${((Date.now() - started) / 1000).toFixed(1)} s (${path.basename(INSTALLED_EXPANSIONS)})`);
  }
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(`sitrep: no WordNet expansion table built (${reason}); words will be looked up in WordNet as needed.`);
  if (!ifPossible) process.exitCode = 1;
}
