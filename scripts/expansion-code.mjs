// Identifies the code that computes a word's WordNet expansions (FeatureExtractor.relatedFactorsOf), so a saved
// table of them (src/retrieval/embeddings/expansion-table.ts) is only used by the code that made it. Shared by
// scripts/build.mjs, which bakes the hash into the bundle, and scripts/build-expansion-table.ts, which stamps it on
// the table; code run from the sources (tsx) has no hash and never uses a saved table.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Every file whose content can change which stems a word relates to, or their weights. */
export const EXPANSION_SOURCES = [
  "src/retrieval/embeddings/features.ts",
  "src/retrieval/embeddings/wordnet.ts",
  "src/retrieval/embeddings/wordnet-dict.ts",
  "src/retrieval/embeddings/morphy.ts",
  "src/retrieval/embeddings/modern-names.ts",
  "src/retrieval/embeddings/lexicon.ts",
  "src/retrieval/embeddings/idf.ts",
  "src/retrieval/embeddings/idf-table.json",
  "src/retrieval/text/terms.ts",
  "src/retrieval/text/stopwords.ts",
];

/** A hash of those files and of the stemmer's version (the stemmer is bundled too). */
export function expansionCode(root) {
  const hash = createHash("sha256");
  for (const file of EXPANSION_SOURCES) hash.update(file).update(readFileSync(path.join(root, file)));
  const stemmer = createRequire(path.join(root, "package.json"))("stemmer/package.json");
  hash.update(`stemmer@${stemmer.version}`);
  return hash.digest("hex").slice(0, 32);
}
