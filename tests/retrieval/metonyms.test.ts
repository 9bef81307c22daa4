import { describe, expect, it } from "vitest";
import type { Lexicon, WordRelations } from "../../src/retrieval/embeddings/lexicon.js";
import { WordNet } from "../../src/retrieval/embeddings/wordnet.js";
import { CountryMetonyms } from "../../src/retrieval/metonyms.js";

function relations(lemma: string, partial: Partial<WordRelations>): WordRelations {
  return { lemma, synonyms: [], hypernyms: [], holonyms: [], derived: [], glossTerms: [], ...partial };
}

const CAPITAL = "national capital";
const WORDS: Record<string, WordRelations> = {
  pyongyang: relations("pyongyang", { hypernyms: [CAPITAL], holonyms: ["north korea"] }),
  warsaw: relations("warsaw", { hypernyms: [CAPITAL], holonyms: ["poland"] }),
  washington: relations("washington", {
    synonyms: ["capital of the united states"],
    hypernyms: [CAPITAL, "american state"],
    holonyms: ["district of columbia", "united states"],
  }),
  moscow: relations("moscow", { synonyms: ["capital of the russian federation"], hypernyms: [CAPITAL], holonyms: ["russia", "russian federation"] }),
  sarajevo: relations("sarajevo", { hypernyms: [CAPITAL], holonyms: ["bosnia and herzegovina"] }),
  kuwait: relations("kuwait", { hypernyms: [CAPITAL, "asian country"], holonyms: ["kuwait", "asia"] }),
  roma: relations("roma", { synonyms: ["gypsy"], hypernyms: ["indian", CAPITAL], holonyms: ["italy"] }),
  angora: relations("angora", { hypernyms: [CAPITAL], holonyms: ["turkey"] }),
  rangoon: relations("rangoon", { hypernyms: [CAPITAL], holonyms: ["burma"] }),
  kursk: relations("kursk", { hypernyms: ["city"], holonyms: ["russia"] }),
  poland: relations("poland", { hypernyms: ["european country"] }),
  russia: relations("russia", { synonyms: ["russian federation"], hypernyms: ["country"] }),
  turkey: relations("turkey", { hypernyms: ["asian country"] }),
  italy: relations("italy", { hypernyms: ["european country"] }),
  burma: relations("burma", { hypernyms: ["asian country"] }),
  asia: relations("asia", { hypernyms: ["continent"] }),
};
const PHRASES: Record<string, WordRelations> = {
  "north korea": relations("north korea", { hypernyms: ["asian country"] }),
  "united states": relations("united states", { hypernyms: ["north american country"] }),
  "russian federation": relations("russian federation", { synonyms: ["russia"], hypernyms: ["country"] }),
  "district of columbia": relations("district of columbia", { hypernyms: ["federal district"] }),
  "bosnia and herzegovina": relations("bosnia and herzegovina", { hypernyms: ["european country"] }),
};
const TINY_LEXICON: Lexicon = {
  // Like WordNet, finds a word by its base form ("angoras" is found as "angora").
  lookup: (word) => WORDS[word] ?? WORDS[word.replace(/s$/, "")],
  lookupPhrase: (words) => PHRASES[words.join(" ")],
};

describe("CountryMetonyms", () => {
  const metonyms = new CountryMetonyms(TINY_LEXICON);

  it("GIVEN a question naming capitals THEN each is read as its country, keeping a possessive", () => {
    expect(metonyms.rewrite("How could Pyongyang's soldiers help, and what does Warsaw want?")).toBe(
      "How could North Korea's soldiers help, and what does Poland want?",
    );
    expect(metonyms.rewrite("The decision was Moscow's.")).toBe("The decision was Russia's.");
  });

  it("GIVEN a capital opening a query THEN it is read as its country too, unless it starts a longer name", () => {
    expect(metonyms.rewrite("Pyongyang's pact with Warsaw")).toBe("North Korea's pact with Poland");
    expect(metonyms.rewrite("Moscow-backed rebels")).toBe("Russia-backed rebels");
    expect(metonyms.rewrite("Warsaw Pact members")).toBe("Warsaw Pact members");
  });

  it("GIVEN capitals side by side in one name THEN each is read as its country, but not a capital inside a longer name", () => {
    expect(metonyms.rewrite("Who called Pyongyang Moscow's most important backer?")).toBe("Who called North Korea Russia's most important backer?");
    expect(metonyms.rewrite("Are Moscow-Pyongyang ties closer?")).toBe("Are Russia-North Korea ties closer?");
    expect(metonyms.rewrite("What did the Washington Post report?")).toBe("What did the Washington Post report?");
  });

  it("GIVEN a country with several names THEN it is the one WordNet gives first, among the wholes the synonyms name", () => {
    expect(metonyms.rewrite("Did Washington loosen the limits?")).toBe("Did United States loosen the limits?");
    expect(metonyms.rewrite("What does Moscow want?")).toBe("What does Russia want?");
  });

  it("GIVEN a country named with 'and' or by an older name THEN it is written as a name is written today", () => {
    expect(metonyms.rewrite("Did Sarajevo agree?")).toBe("Did Bosnia and Herzegovina agree?");
    expect(metonyms.rewrite("Did Rangoon agree?")).toBe("Did Myanmar agree?");
  });

  it("GIVEN a question typed all in lower case THEN its capitals are read as countries; in a capitalised one, lower-case words are ordinary words", () => {
    expect(metonyms.rewrite("what does pyongyang want?")).toBe("what does North Korea want?");
    expect(metonyms.rewrite("Did Pyongyang hear about warsaw?")).toBe("Did North Korea hear about warsaw?");
  });

  it("GIVEN a country's abbreviation, in any case THEN it is read as the country's adjective, but not inside a longer word", () => {
    expect(metonyms.rewrite("How many NK troops does the ROK expect?")).toBe("How many North Korean troops does the South Korean expect?");
    expect(metonyms.rewrite("how many nk troops are in kursk")).toBe("how many North Korean troops are in kursk");
    expect(metonyms.rewrite("Did the DPRK's ally, the PRC, object?")).toBe("Did the North Korean's ally, the Chinese, object?");
    expect(metonyms.rewrite("Are the NKorea and DRCs files here?")).toBe("Are the NKorea and DRCs files here?");
  });

  it("GIVEN an abbreviation in a question typed all in lower case THEN its capitals are still read as countries", () => {
    expect(metonyms.rewrite("what does pyongyang want from the rok")).toBe("what does North Korea want from the South Korean");
  });

  it("GIVEN a capital used as the place itself, or inside a name THEN the question is left as typed", () => {
    for (const question of [
      "How many civilians died in Warsaw?",
      "What are the Warsaw talks about?",
      "Was the Warsaw Pact mentioned?",
      "Who signed the Treaty of Warsaw?",
      "How many troops are in Kursk?",
    ]) {
      expect(metonyms.rewrite(question)).toBe(question);
    }
  });

  it("GIVEN a word that is more than a capital, another form of one, or a capital named as its country THEN the question is unchanged", () => {
    expect(metonyms.rewrite("Where do Roma refugees go?")).toBe("Where do Roma refugees go?");
    expect(metonyms.rewrite("Do Angoras need shearing?")).toBe("Do Angoras need shearing?");
    expect(metonyms.rewrite("Did Kuwait send money?")).toBe("Did Kuwait send money?");
  });

  it("GIVEN WordNet THEN the capitals of the news read as their countries, by the country their synonyms name", () => {
    const withWordNet = new CountryMetonyms(WordNet.open());
    expect(withWordNet.rewrite("Would Seoul's arms for Kyiv need Washington to agree, and does Tokyo agree with Moscow?")).toBe(
      "Would South Korea's arms for Ukraine need United States to agree, and does Japan agree with Russia?",
    );
    expect(withWordNet.rewrite("Is Beijing losing its grip on Pyongyang?")).toBe("Is China losing its grip on North Korea?");
    expect(withWordNet.rewrite("What did Santiago and London say?")).toBe("What did Chile and United Kingdom say?");
    expect(withWordNet.rewrite("Is Taipei worried?")).toBe("Is Taiwan worried?");
  });
});
