import { describe, expect, it } from "vitest";
import { FeatureExtractor } from "../../src/retrieval/embeddings/features.js";
import { referenceIdf } from "../../src/retrieval/embeddings/idf.js";
import { WordNet } from "../../src/retrieval/embeddings/wordnet.js";
import { RelevanceScorer, type TextProfile } from "../../src/retrieval/relevance.js";

const idf = referenceIdf();
const extractor = new FeatureExtractor(WordNet.open(), idf);
const scorer = new RelevanceScorer(extractor, idf);

/** The profile of two texts read as one, built the long way: union of stems, sum of features. */
function merged(a: TextProfile, b: TextProfile): TextProfile {
  const features = new Map(a.features);
  for (const [key, weight] of b.features) features.set(key, (features.get(key) ?? 0) + weight);
  return { stems: new Set([...a.stems, ...b.stems]), features };
}

describe("RelevanceScorer.coverage", () => {
  const question = scorer.question("How many soldiers did Pyongyang send to the Kursk region?");
  const first = scorer.text("North Korea sent soldiers.");
  const second = scorer.text("They are now in the Kursk region, where the fighting is.");

  it("GIVEN the question's words split across two sentences THEN together they cover more than either alone", () => {
    const both = scorer.coverage(question, first, second);
    expect(both).toBeGreaterThan(scorer.coverage(question, first));
    expect(both).toBeGreaterThan(scorer.coverage(question, second));
  });

  it("GIVEN several sentences THEN coverage equals that of their merged profile, exactly", () => {
    expect(scorer.coverage(question, first, second)).toBe(scorer.coverage(question, merged(first, second)));
  });

  it("GIVEN no text THEN nothing is covered", () => {
    expect(scorer.coverage(question)).toBe(0);
  });
});

describe("RelevanceScorer.coverage of a hyphenated compound", () => {
  it("GIVEN a text saying “long-term” THEN a question's “long term” is covered, word by word", () => {
    const question = scorer.question("Could this shake the regime long term?");
    const text = scorer.text("Exposure might threaten its long-term stability.");
    const term = { ...question, terms: question.terms.filter((t) => t.stem === "term") };
    expect(term.terms).toHaveLength(1);
    expect(scorer.coverage(term, text)).toBe(1);
  });
});

describe("RelevanceScorer.coverage of a word for a figure", () => {
  it("GIVEN “figure” or “numbers” in a question THEN a text giving a figure covers it, and a text giving none does not", () => {
    for (const asked of ["What is the casualty figure?", "casualty numbers?"]) {
      const question = scorer.question(asked);
      const withFigure = scorer.coverage(question, scorer.text("Casualties exceed 600,000."));
      const withoutFigure = scorer.coverage(question, scorer.text("Casualties are heavy."));
      expect(withFigure, asked).toBeCloseTo(1, 10);
      expect(withoutFigure, asked).toBeLessThan(1);
    }
  });
});

describe("RelevanceScorer.withBaseForms", () => {
  it("GIVEN an irregular past form THEN its base form is among the text's stems, so a word related to it is covered", () => {
    const dispatched = scorer.question("dispatched");
    const sentence = "At least 10,000 soldiers have been sent to Kursk.";
    expect(scorer.coverage(dispatched, scorer.text(sentence))).toBe(0);
    const based = scorer.withBaseForms(sentence);
    expect(based.stems.has("send")).toBe(true);
    expect(scorer.coverage(dispatched, based)).toBeGreaterThan(0);
  });

  it("GIVEN words already in their base form THEN the profile is the text's own", () => {
    const sentence = "Soldiers arrive in Kursk.";
    expect(scorer.withBaseForms(sentence)).toBe(scorer.text(sentence));
  });
});
