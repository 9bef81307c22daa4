import { describe, expect, it } from "vitest";
import type { Lexicon, WordRelations } from "../../src/retrieval/embeddings/lexicon.js";
import { WordNet } from "../../src/retrieval/embeddings/wordnet.js";
import { CountryMetonyms } from "../../src/retrieval/metonyms.js";

function relations(lemma: string, partial: Partial<WordRelations>): WordRelations {
  return { lemma, synonyms: [], hypernyms: [], holonyms: [], derived: [], glossTerms: [], ...partial };
}

const WORDS: Record<string, WordRelations> = {
  pyongyang: relations("pyongyang", { hypernyms: ["national capital"], holonyms: ["north korea"] }),
  warsaw: relations("warsaw", { hypernyms: ["national capital"], holonyms: ["poland"] }),
  washington: relations("washington", {
    synonyms: ["capital of the united states"],
    hypernyms: ["national capital", "american state"],
    holonyms: ["district of columbia", "united states"],
  }),
  taipei: relations("taipei", { synonyms: ["capital of taiwan"], hypernyms: ["national capital"], holonyms: ["taiwan", "china"] }),
  kuwait: relations("kuwait", { hypernyms: ["national capital", "asian country"], holonyms: ["kuwait", "asia"] }),
  kursk: relations("kursk", { hypernyms: ["city"], holonyms: ["russia"] }),
  poland: relations("poland", { hypernyms: ["european country"] }),
  taiwan: relations("taiwan", { hypernyms: ["island"] }),
  china: relations("china", { hypernyms: ["asian country"] }),
  asia: relations("asia", { hypernyms: ["continent"] }),
};
const PHRASES: Record<string, WordRelations> = {
  "north korea": relations("north korea", { hypernyms: ["asian country"] }),
  "united states": relations("united states", { hypernyms: ["north american country"] }),
  "district of columbia": relations("district of columbia", { hypernyms: ["federal district"] }),
};
const TINY_LEXICON: Lexicon = { lookup: (word) => WORDS[word], lookupPhrase: (words) => PHRASES[words.join(" ")] };

describe("CountryMetonyms", () => {
  const metonyms = new CountryMetonyms(TINY_LEXICON);

  it("GIVEN a question naming a capital THEN it reads the capital as its country, keeping a possessive", () => {
    expect(metonyms.rewrite("How could Pyongyang's soldiers help, and what does Warsaw want?")).toBe(
      "How could North Korea's soldiers help, and what does Poland want?",
    );
  });

  it("GIVEN a capital typed in lower case THEN it is read as its country all the same", () => {
    expect(metonyms.rewrite("what does pyongyang want?")).toBe("what does North Korea want?");
  });

  it("GIVEN a capital whose wholes start below the country THEN the country is the whole filed as one or named as such", () => {
    expect(metonyms.rewrite("Did Washington loosen the limits?")).toBe("Did United States loosen the limits?");
    expect(metonyms.rewrite("Is Taipei worried?")).toBe("Is Taiwan worried?");
  });

  it("GIVEN a capital opening a query THEN it is read as its country too", () => {
    expect(metonyms.rewrite("Pyongyang's pact with Warsaw")).toBe("North Korea's pact with Poland");
    expect(metonyms.rewrite("Pyongyang troops")).toBe("North Korea troops");
  });

  it("GIVEN a capital inside a longer name THEN the name is left as typed", () => {
    expect(metonyms.rewrite("Was the Warsaw Pact mentioned?")).toBe("Was the Warsaw Pact mentioned?");
    expect(metonyms.rewrite("Warsaw Pact members")).toBe("Warsaw Pact members");
  });

  it("GIVEN a city that is not a capital, or a capital named as its country THEN the question is unchanged", () => {
    expect(metonyms.rewrite("How many troops are in Kursk?")).toBe("How many troops are in Kursk?");
    expect(metonyms.rewrite("Did Kuwait send money?")).toBe("Did Kuwait send money?");
  });

  it("GIVEN WordNet THEN the capitals of the news read as their countries", () => {
    const withWordNet = new CountryMetonyms(WordNet.open());
    expect(withWordNet.rewrite("Would Seoul's arms for Kyiv come with Washington's limits, and does Tokyo agree with Moscow?")).toBe(
      "Would South Korea's arms for Ukraine come with United States's limits, and does Japan agree with Russia?",
    );
    expect(withWordNet.rewrite("Is Beijing losing its grip on Pyongyang?")).toBe("Is China losing its grip on North Korea?");
  });
});
