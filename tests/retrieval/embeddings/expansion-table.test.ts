import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPANSION_SOURCES } from "../../../scripts/expansion-code.mjs";
import {
  bundledExpansionCode,
  ExpansionTable,
  installedExpansions,
  writeExpansionTable,
} from "../../../src/retrieval/embeddings/expansion-table.js";
import { DEFAULT_EXPANSION, FeatureExtractor, type RelatedFactors } from "../../../src/retrieval/embeddings/features.js";
import { referenceIdf } from "../../../src/retrieval/embeddings/idf.js";
import { defaultDictDir, WordNet } from "../../../src/retrieval/embeddings/wordnet.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const SEED = readFileSync(path.join(ROOT, "corpus/north-korean-troops-in-russias-war.txt"), "utf8");
const WORDS = ["troops", "shells", "pact", "desert", "seoul", "casualties", "ammunition", "kyiv", "the", "zzzqx"];

let dir: string;
let file: string;
let wordnet: WordNet;
let plain: FeatureExtractor;
let saved: Map<string, RelatedFactors>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-expansions-"));
  file = path.join(dir, "expansions.bin");
  wordnet = WordNet.open();
  plain = new FeatureExtractor(wordnet, referenceIdf());
  // Every word of the seed article, as the install script saves the commonest words.
  const words = new Set([...WORDS, ...(SEED.toLowerCase().match(/[a-z][a-z'-]*[a-z]/g) ?? [])]);
  saved = new Map([...words].map((word) => [word, plain.relatedFactorsOf(word)]));
  await writeExpansionTable(file, "fingerprint-1", saved);
});

afterAll(async () => {
  wordnet.close();
  await rm(dir, { recursive: true, force: true });
});

describe("ExpansionTable", () => {
  it("GIVEN a table written for some words THEN each reads back as WordNet gave it, and others are not found", () => {
    const table = ExpansionTable.read(file, "fingerprint-1")!;
    expect(table).toBeDefined();
    for (const word of WORDS) expect(table.factorsOf(word)).toEqual(plain.relatedFactorsOf(word));
    expect(table.factorsOf("troops")!.stems.length).toBeGreaterThan(3);
    expect(table.factorsOf("zzzqx")).toEqual({ stems: [], factors: [] });
    expect(table.factorsOf("unsaved")).toBeUndefined();
  });

  it("GIVEN an extractor reading the table THEN a text's features are exactly those WordNet gives", () => {
    const table = ExpansionTable.read(file, "fingerprint-1")!;
    let asked = 0;
    const withTable = new FeatureExtractor(wordnet, referenceIdf(), DEFAULT_EXPANSION, {
      factorsOf: (word) => {
        asked++;
        return table.factorsOf(word);
      },
    });
    for (const paragraph of SEED.split("\n").filter(Boolean)) expect(withTable.extract(paragraph)).toEqual(plain.extract(paragraph));
    expect(asked).toBeGreaterThan(100);
  });

  it("GIVEN a saved entry THEN the extractor takes it instead of asking WordNet", () => {
    const doctored = new FeatureExtractor(wordnet, referenceIdf(), DEFAULT_EXPANSION, {
      factorsOf: (word) => (word === "troops" ? { stems: ["armada"], factors: [0.5] } : undefined),
    });
    expect([...doctored.extract("troops").keys()]).toEqual(["troop", "armada"]);
  });

  it("GIVEN an extractor with other weights THEN saved expansions (made with the default ones) are not used", () => {
    const other = new FeatureExtractor(wordnet, referenceIdf(), { ...DEFAULT_EXPANSION, gloss: 0.1 }, {
      factorsOf: () => ({ stems: ["armada"], factors: [0.5] }),
    });
    expect(other.extract("troops").has("armada")).toBe(false);
  });

  it("GIVEN another fingerprint, a file cut short or another kind of file THEN the table is not read", async () => {
    expect(ExpansionTable.read(file, "fingerprint-2")).toBeUndefined();
    const cut = path.join(dir, "cut.bin");
    await writeFile(cut, readFileSync(file).subarray(0, 5000));
    expect(ExpansionTable.read(cut, "fingerprint-1")).toBeUndefined();
    const other = path.join(dir, "other.bin");
    await writeFile(other, Buffer.concat([Buffer.of(2, 0, 0, 0), Buffer.from("{}")]));
    expect(ExpansionTable.read(other, "fingerprint-1")).toBeUndefined();
    expect(ExpansionTable.read(path.join(dir, "missing.bin"), "fingerprint-1")).toBeUndefined();
  });

  it("GIVEN code run from its sources THEN no installed table is used: the sources may differ from what made it", () => {
    expect(bundledExpansionCode()).toBeUndefined();
    expect(installedExpansions(defaultDictDir())).toBeUndefined();
  });

  it("GIVEN the files said to decide expansions THEN each exists, so none drops out of the table's identity unseen", () => {
    for (const source of EXPANSION_SOURCES) expect(existsSync(path.join(ROOT, source)), source).toBe(true);
    expect(EXPANSION_SOURCES).toContain("src/retrieval/embeddings/features.ts");
  });
});
