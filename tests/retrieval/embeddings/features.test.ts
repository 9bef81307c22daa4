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
