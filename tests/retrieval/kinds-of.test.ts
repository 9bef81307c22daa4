import { describe, expect, it } from "vitest";
import { WordNet } from "../../src/retrieval/embeddings/wordnet.js";
import { KindsOf, type Taxonomy } from "../../src/retrieval/kinds-of.js";

const KINDS: Record<string, string[]> = {
  blue: ["chromatic color"],
  "chromatic color": ["color"],
  color: ["visual property"],
  access: ["reach"],
};

/** "range" has "reach" among its synonyms (another sense), which must not make "access" a range. */
const TINY_TAXONOMY: Taxonomy = {
  lemmaOf: (word) => (word === "colour" ? "color" : ["color", "visual property", "range"].includes(word) ? word : undefined),
  nounKinds: (word) => KINDS[word] ?? [],
};

describe("KindsOf over a tiny taxonomy", () => {
  const kinds = new KindsOf(TINY_TAXONOMY);

  it("GIVEN a word two is-a steps below the kind THEN the text names something of that kind, asked in any spelling", () => {
    expect(kinds.namedIn("color", "The keeper painted the tower blue.")).toBe(true);
    expect(kinds.namedIn("colour", "The keeper painted the tower blue.")).toBe(true);
  });

  it("GIVEN a kind three steps up THEN it is too general to count", () => {
    expect(kinds.namedIn("visual property", "The keeper painted the tower blue.")).toBe(false);
  });

  it("GIVEN a word filed under a synonym of another sense of the kind THEN it does not count", () => {
    // "access" is a kind of "reach", which is a synonym of "range" in another sense of it.
    expect(kinds.namedIn("range", "Ukraine's access to Western weapons")).toBe(false);
  });

  it("GIVEN a kind the lexicon does not know THEN nothing names it", () => {
    expect(kinds.namedIn("flurble", "The keeper painted the tower blue.")).toBe(false);
  });
});

describe("KindsOf over WordNet", () => {
  const kinds = new KindsOf(WordNet.open());

  it("GIVEN a colour or a capital THEN it names a colour or a city; other words do not", () => {
    expect(kinds.namedIn("colour", "He painted the tower blue in 1987.")).toBe(true);
    expect(kinds.namedIn("city", "Unrest could erupt in Moscow.")).toBe(true);
    expect(kinds.namedIn("population", "a populace better nourished and armed")).toBe(false);
    expect(kinds.namedIn("port", "The troops were sent to Russia's Kursk region.")).toBe(false);
    // "broad" is "similar to" the adjective general; it is no kind of general.
    expect(kinds.namedIn("general", "a broader and more widespread war")).toBe(false);
  });
});
