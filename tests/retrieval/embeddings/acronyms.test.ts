import { describe, expect, it } from "vitest";
import { spelledOutName } from "../../../src/retrieval/embeddings/acronyms.js";
import { WordNet } from "../../../src/retrieval/embeddings/wordnet.js";

const wordNet = WordNet.open();

describe("spelledOutName", () => {
  it("GIVEN acronyms with or without their dots THEN the name their initials spell, of all WordNet's synonyms", () => {
    expect(spelledOutName(wordNet, "u.s")).toBe("united states");
    expect(spelledOutName(wordNet, "eu")).toBe("european union");
    expect(spelledOutName(wordNet, "u.n")).toBe("united nations");
    expect(spelledOutName(wordNet, "nato")).toBe("north atlantic treaty organization");
  });

  it("GIVEN letters WordNet does not know, or a word whose synonyms spell nothing THEN no name", () => {
    expect(spelledOutName(wordNet, "x.q")).toBeUndefined();
    expect(spelledOutName(wordNet, "war")).toBeUndefined();
  });
});
