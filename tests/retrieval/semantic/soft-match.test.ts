import { describe, expect, it } from "vitest";
import { SoftMatcher } from "../../../src/retrieval/semantic/soft-match.js";
import { planeVectors } from "../../support/word-vectors.js";

// pact ~ partnership at cos 10° ≈ 0.98; pact ~ harvest at cos 80° ≈ 0.17, under the 0.4 threshold.
const table = planeVectors({ pact: 0, partnership: 10, treaty: 5, harvest: 80, weather: 85 });

describe("SoftMatcher", () => {
  const matcher = new SoftMatcher(table);
  const score = (question: string, text: string): number => matcher.score(matcher.profile(question), matcher.profile(text));

  it("GIVEN a text that uses the question's own word THEN that word counts in full", () => {
    expect(score("the pact", "They signed a pact.")).toBe(1);
  });

  it("GIVEN a text that says the word with a close synonym THEN it counts by their cosine", () => {
    expect(score("the pact", "A partnership was signed.")).toBeCloseTo(Math.cos((10 * Math.PI) / 180), 5);
  });

  it("GIVEN only weakly related words THEN nothing counts: topical neighbours are not answers", () => {
    expect(score("the pact", "The harvest was late.")).toBe(0);
  });

  it("GIVEN a word the vectors lack THEN it still matches itself, and only itself", () => {
    expect(score("Budanov pact", "Budanov said so.")).toBeGreaterThan(0);
    expect(score("Budanov", "Zaluzhnyi said so.")).toBe(0);
  });

  it("GIVEN a common and a rare question word THEN the rare one weighs more", () => {
    // Ranks follow the table's order: "pact" is its commonest word, "weather" its rarest.
    const rare = score("pact weather", "The weather turned.");
    const common = score("pact weather", "The pact held.");
    expect(rare).toBeGreaterThan(common);
    expect(rare + common).toBeCloseTo(1, 5);
  });

  it("GIVEN a text with a hyphenated compound THEN the question's words written apart count, without weighing in the text", () => {
    expect(score("harvest weather", "A harvest-weather pact.")).toBe(1);
    const text = matcher.profile("A harvest-weather pact.");
    expect(text.words.map((w) => w.stem)).toEqual(["harvest-weath", "pact"]);
  });

  it("GIVEN a question with no content words THEN the score is 0, not a division by zero", () => {
    expect(score("what is it?", "The pact held.")).toBe(0);
  });
});
