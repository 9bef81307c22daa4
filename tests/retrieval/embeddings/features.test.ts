import { describe, expect, it } from "vitest";
import { FeatureExtractor } from "../../../src/retrieval/embeddings/features.js";
import { referenceIdf } from "../../../src/retrieval/embeddings/idf.js";
import { WordNet } from "../../../src/retrieval/embeddings/wordnet.js";

const extractor = new FeatureExtractor(WordNet.open(), referenceIdf());

describe("FeatureExtractor.extract with a specificity", () => {
  const troops = new Set(extractor.extract("troops").keys());
  const harvest = new Set(extractor.extract("harvest").keys());
  const plain = extractor.extract("troops harvest");
  const scaled = extractor.extract("troops harvest", (key) => (key === "troop" ? 0 : 1));

  it("GIVEN a word that tells nothing THEN the words WordNet relates to it weigh nothing either", () => {
    const onlyTroops = [...troops].filter((key) => !harvest.has(key));
    expect(onlyTroops.length).toBeGreaterThan(3);
    for (const key of onlyTroops) expect(scaled.has(key)).toBe(false);
  });

  it("GIVEN the other words of the text THEN their features keep their weights", () => {
    const onlyHarvest = [...harvest].filter((key) => !troops.has(key));
    expect(onlyHarvest.length).toBeGreaterThan(3);
    for (const key of onlyHarvest) expect(scaled.get(key)).toBeCloseTo(plain.get(key)!, 10);
  });

  it("GIVEN a specificity of 1 for every word THEN the features are those without one", () => {
    expect(extractor.extract("North Korean troops", () => 1)).toEqual(extractor.extract("North Korean troops"));
  });

  it("GIVEN a phrase THEN its feature and its related words are scaled by the phrase's specificity", () => {
    const phrase = extractor.extract("South Korea", (key) => (key === "south_korea" ? 0.5 : 1));
    const whole = extractor.extract("South Korea");
    expect(whole.has("south_korea")).toBe(true);
    expect(phrase.get("south_korea")).toBeCloseTo(whole.get("south_korea")! / 2, 10);
  });
});

describe("FeatureExtractor.extract of an acronym", () => {
  const cosine = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number => {
    let dot = 0;
    for (const [key, weight] of a) dot += weight * (b.get(key) ?? 0);
    const norm = (m: ReadonlyMap<string, number>): number => Math.hypot(...m.values());
    return dot / (norm(a) * norm(b));
  };

  it("GIVEN “the U.S.” THEN it has the feature of “the United States”, spelled out", () => {
    expect(extractor.extract("the U.S.").has("united_states")).toBe(true);
    expect(extractor.extract("the US").has("united_states")).toBe(true);
  });

  it("GIVEN acronyms WordNet spells out by their initials THEN each meets its name", () => {
    for (const [acronym, name] of [["U.N.", "United Nations"], ["EU", "European Union"], ["U.K.", "United Kingdom"]] as const) {
      const key = name.toLowerCase().replace(" ", "_");
      expect(extractor.extract(`the ${acronym}`).has(key), acronym).toBe(true);
      expect(cosine(extractor.extract(`the ${acronym} said`), extractor.extract(`the ${name} said`)), acronym).toBeGreaterThan(0.5);
    }
  });

  it("GIVEN a dotted acronym WordNet does not spell out THEN it is only its own word", () => {
    expect([...extractor.extract("X.Q.").keys()]).toEqual([...extractor.extract("XQ").keys()]);
  });
});
