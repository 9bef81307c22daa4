import { describe, expect, it } from "vitest";
import type { Lexicon, WordRelations } from "../../src/retrieval/embeddings/lexicon.js";
import { WordNet } from "../../src/retrieval/embeddings/wordnet.js";
import { namesIn, nameSpans, UnmentionedNames, vocabularyOf, yearsIn, type Vocabulary } from "../../src/retrieval/unmentioned-names.js";
import { contentTerms } from "../../src/retrieval/text/terms.js";

/** The stems of a small corpus's text, as the lexical index would hold them. */
function corpusVocabulary(text: string): Vocabulary {
  return vocabularyOf(new Set(contentTerms(text).map((t) => t.stem)));
}

function relations(lemma: string, partial: Partial<WordRelations>): WordRelations {
  return { lemma, synonyms: [], hypernyms: [], holonyms: [], derived: [], glossTerms: [], ...partial };
}

const TINY_LEXICON: Lexicon = {
  lookup: (word) =>
    ({
      seoul: relations("seoul", { hypernyms: ["national capital"], holonyms: ["south korea"] }),
      france: relations("france", { hypernyms: ["european country"], holonyms: ["europe"] }),
      dprk: relations("dprk", { synonyms: ["north korea"] }),
    })[word],
  lookupPhrase: () => undefined,
};

const CORPUS = "North Korea sent troops to Russia. South Korea and the United States watched; Europe and the European allies worried.";

describe("namesIn", () => {
  it("GIVEN a question THEN it returns runs of capitalised words after the first word, without possessives", () => {
    expect(namesIn("What did Japan's prime minister tell the White House?")).toEqual(["Japan", "White House"]);
  });

  it("GIVEN a capitalised first word THEN it is not taken for a name, unless it is an acronym", () => {
    expect(namesIn("Kazan summit?")).toEqual([]);
    expect(namesIn("NATO response?")).toEqual(["NATO"]);
  });

  it("GIVEN a hyphenated name THEN its parts are one run", () => {
    expect(namesIn("Why the Russia-North Korea tie-up?")).toEqual(["Russia North Korea"]);
  });
});

describe("nameSpans", () => {
  it("GIVEN a question with possessives and hyphens THEN each name's span is where it stands in the question", () => {
    const question = "Did Seoul's Canadian partners back the Russia-North Korea tie-up, as Moscow's.";
    const spans = nameSpans(question);
    expect(spans.map((s) => s.name)).toEqual(["Seoul", "Canadian", "Russia North Korea", "Moscow"]);
    expect(spans.map((s) => question.slice(s.start, s.end))).toEqual(["Seoul", "Canadian", "Russia-North Korea", "Moscow"]);
  });
});

describe("UnmentionedNames", () => {
  const check = new UnmentionedNames(corpusVocabulary(CORPUS), TINY_LEXICON);

  it("GIVEN a person the corpus never names THEN the name is reported", () => {
    expect(check.in("What did Zelensky say about the troops?")).toEqual(["Zelensky"]);
  });

  it("GIVEN names the corpus uses THEN nothing is reported", () => {
    expect(check.in("Why did North Korea send troops to Russia?")).toEqual([]);
  });

  it("GIVEN a capital city whose country the corpus names THEN it counts as mentioned", () => {
    expect(check.in("What does Seoul think?")).toEqual([]);
  });

  it("GIVEN a synonym the corpus uses THEN it counts as mentioned", () => {
    expect(check.in("How many troops did the DPRK send?")).toEqual([]);
  });

  it("GIVEN an abbreviation of a country the corpus names, which WordNet lacks THEN it counts as mentioned", () => {
    expect(check.in("How many NK troops are there, and what does the ROK think?")).toEqual([]);
  });

  it("GIVEN a country that is only part of a region the corpus names THEN it is still reported", () => {
    expect(check.in("What did France say?")).toEqual(["France"]);
  });

  it("GIVEN another form of a word the corpus uses (Europe / European) THEN it counts as mentioned", () => {
    const european = new UnmentionedNames(corpusVocabulary("The European allies worried."), TINY_LEXICON);
    expect(european.in("Why is Europe worried?")).toEqual([]);
  });

  it("GIVEN a government seat the corpus names by its country THEN it counts as mentioned", () => {
    expect(check.in("What did the White House say?")).toEqual([]);
  });

  it("GIVEN a possessive between two names THEN each is checked on its own", () => {
    expect(check.in("Did Seoul's European partners agree?")).toEqual([]);
    expect(check.in("Did Seoul's Canadian partners agree?")).toEqual(["Canadian"]);
  });

  it("GIVEN a full name of which the corpus uses only the last word THEN it counts as mentioned", () => {
    const putin = new UnmentionedNames(corpusVocabulary("Putin visited Pyongyang."), TINY_LEXICON);
    expect(putin.in("What did Vladimir Putin promise?")).toEqual([]);
    expect(putin.in("What did Vladimir Zelensky promise?")).toEqual(["Vladimir Zelensky"]);
  });

  it("GIVEN the pronoun I THEN it is not a name", () => {
    expect(check.in("How do I read this?")).toEqual([]);
  });

  it("GIVEN the bundled WordNet THEN a people names its country (American → United States) and Kyiv its country", () => {
    const withWordNet = new UnmentionedNames(corpusVocabulary("The United States and Ukraine."), WordNet.open());
    expect(withWordNet.in("How might American forces react?")).toEqual([]);
    expect(withWordNet.in("What does Kyiv want?")).toEqual([]);
    expect(withWordNet.in("Did the Security Council meet?")).toEqual(["Security Council"]);
  });

  it("GIVEN a name WordNet knows whole THEN another name sharing its last word does not mention it", () => {
    const northOnly = new UnmentionedNames(corpusVocabulary("North Korea is pursuing combat experience."), WordNet.open());
    expect(northOnly.unmentioned(["South Korea"])).toEqual(["South Korea"]);
    expect(northOnly.unmentioned(["North Korea"])).toEqual([]);
    // "Vladimir Putin", which WordNet also knows whole, is mentioned by its synonym "Putin".
    expect(new UnmentionedNames(corpusVocabulary("Putin visited Pyongyang."), WordNet.open()).unmentioned(["Vladimir Putin"])).toEqual([]);
  });

  it("GIVEN a name whose last word the corpus uses only in a related form THEN the name is unmentioned", () => {
    const withWordNet = new UnmentionedNames(corpusVocabulary("This statement might serve to maintain neutrality."), WordNet.open());
    expect(withWordNet.in("Who heads the National Intelligence Service?")).toEqual(["National Intelligence Service"]);
    // A name of one word is still mentioned by its relations: "Service" is also "serve".
    expect(withWordNet.in("Did the Service reply?")).toEqual([]);
  });
});

describe("yearsIn", () => {
  it("GIVEN years among figures THEN only the years are given, once each", () => {
    expect(yearsIn("Who won the 2024 election, and what changed since 1987 and 2024?")).toEqual(["2024", "1987"]);
    expect(yearsIn("Were 10,000 or 2,000 troops sent, 1.5 or 2018.5 times as many, in the 2020s or FY2019?")).toEqual([]);
  });
});

describe("UnmentionedNames with years", () => {
  const names = new UnmentionedNames(corpusVocabulary(`${CORPUS} The pact was signed in 2024.`), TINY_LEXICON);

  it("GIVEN a year the corpus never gives THEN it is unmentioned, like a name", () => {
    expect(names.in("What happened in 2022?")).toEqual(["2022"]);
  });

  it("GIVEN a year the corpus gives THEN it is mentioned", () => {
    expect(names.in("What was signed in 2024?")).toEqual([]);
  });

  it.each(["since Feb 2022", "since February 24, 2022", "since 24 Feb. 2022", "since 2022", "since early March", "since mid-2021"])(
    "GIVEN a date the corpus never gives where the period asked about begins (%s) THEN it is not looked for",
    (since) => {
      expect(names.in(`How many troops have been sent ${since}, per the article?`)).toEqual([]);
    },
  );

  it("GIVEN the same date anywhere else in the question THEN it is still looked for", () => {
    expect(names.in("What happened in Feb 2022?")).toEqual(["Feb", "2022"]);
    expect(names.in("What has changed since the talks in Feb 2022?")).toEqual(["Feb", "2022"]);
  });

  it("GIVEN a question that opens with where its period begins THEN the names after it are still looked for", () => {
    expect(names.in("Since Feb 2022, has Kyiv met Zelensky's allies?")).toEqual(["Kyiv", "Zelensky"]);
  });

  it("GIVEN a month typed short THEN a corpus that spells it out mentions it", () => {
    const spelledOut = new UnmentionedNames(corpusVocabulary(`${CORPUS} They met in February, June and September.`), TINY_LEXICON);
    expect(spelledOut.in("What did they agree in Feb, and in Sept?")).toEqual([]);
    expect(spelledOut.in("What did they sign in Jun?")).toEqual([]);
    expect(spelledOut.in("What did they agree in Oct?")).toEqual(["Oct"]);
  });
});

describe("UnmentionedNames of an acronym", () => {
  const wordNet = WordNet.open();
  const check = (corpus: string, name: string): string[] => new UnmentionedNames(corpusVocabulary(corpus), wordNet).unmentioned([name]);

  it("GIVEN a corpus that says “European” but never the EU THEN the EU is unmentioned, though WordNet files Europe with it", () => {
    expect(check("The war on European soil alarmed the allies.", "EU")).toEqual(["EU"]);
  });

  it("GIVEN the acronym itself or the name its initials spell THEN it is mentioned", () => {
    expect(check("The European Union imposed sanctions.", "EU")).toEqual([]);
    expect(check("The E.U. imposed sanctions.", "EU")).toEqual([]);
    expect(check("According to the U.S. government, troops were sent.", "US")).toEqual([]);
    expect(check("Pressure on the United States grew.", "U.S")).toEqual([]);
    expect(check("Poland called on NATO members to act.", "NATO")).toEqual([]);
  });
});
