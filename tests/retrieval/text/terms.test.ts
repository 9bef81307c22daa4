import { describe, expect, it } from "vitest";
import { contentTerms, isStopword, stem, words } from "../../../src/retrieval/text/terms.js";

describe("words", () => {
  it("GIVEN possessives with straight and curly apostrophes WHEN split THEN the 's is dropped", () => {
    expect(words("Russia’s war and Kim's troops")).toEqual(["russia", "war", "and", "kim", "troops"]);
  });

  it("GIVEN an ordinal adverb opening a point of a list WHEN split THEN it is the ordinal", () => {
    expect(words("Fourthly, the infusion; firstly, thirdly")).toEqual(["fourth", "the", "infusion", "first", "third"]);
  });

  it("GIVEN secondly or lastly WHEN split THEN they stay adverbs, since a second and to last mean other things", () => {
    expect(words("Secondly and lastly")).toEqual(["secondly", "and", "lastly"]);
  });

  it("GIVEN a plural possessive WHEN split THEN the trailing apostrophe is not part of the word", () => {
    expect(words("Ukrainians’ access")).toEqual(["ukrainians", "access"]);
  });

  it("GIVEN numbers with digit separators WHEN split THEN they equal the same number written without them", () => {
    expect(words("at least 10,000 soldiers")).toEqual(["at", "least", "10000", "soldiers"]);
    expect(words("10,000")).toEqual(words("10000"));
    expect(words("casualties surpass 600,000.")).toEqual(["casualties", "surpass", "600000"]);
  });

  it("GIVEN a number followed by a comma and a space WHEN split THEN that comma ends the number", () => {
    expect(words("around 1,000, and rising")).toEqual(["around", "1000", "and", "rising"]);
  });

  it("GIVEN the abbreviation U.S. WHEN split THEN it is one term, distinct from the pronoun us, the trailing dot excluded", () => {
    expect(words("the U.S. government")).toEqual(["the", "u.s", "government"]);
    expect(words("U.S.")).toEqual(words("US"));
    expect(words("let us go")).toEqual(["let", "us", "go"]);
    expect(words("U.N. principles")).toEqual(["u.n", "principles"]);
    expect(contentTerms("The U.S. government").map((t) => t.word)).toEqual(["u.s", "government"]);
  });

  it("GIVEN decimals WHEN split THEN the decimal point stays and only digit separators go", () => {
    expect(words("6.5 percent of 10,000")).toEqual(["6.5", "percent", "of", "10000"]);
  });

  it("GIVEN capitalised and upper-case words WHEN split THEN all come out lower-case", () => {
    expect(words("KURSK Kursk kursk")).toEqual(["kursk", "kursk", "kursk"]);
    expect(words("Éire ÜBER")).toEqual(["éire", "über"]);
  });

  it("GIVEN hyphenated compounds WHEN split THEN the hyphen keeps them one word", () => {
    expect(words("a full-scale invasion")).toEqual(["a", "full-scale", "invasion"]);
  });

  it("GIVEN punctuation, quotes and dashes around words WHEN split THEN only the words remain", () => {
    expect(words("“righteous holy war.” — (Kursk)!")).toEqual(["righteous", "holy", "war", "kursk"]);
  });

  it("GIVEN full-width characters WHEN split THEN NFKC folds them to ASCII", () => {
    expect(words("ＫＵＲＳＫ １０")).toEqual(["kursk", "10"]);
  });

  it("GIVEN a token longer than 40 characters WHEN split THEN it is dropped", () => {
    expect(words(`ok ${"x".repeat(41)} fine`)).toEqual(["ok", "fine"]);
    expect(words("y".repeat(40))).toEqual(["y".repeat(40)]);
  });

  it("GIVEN empty or punctuation-only text WHEN split THEN there are no words", () => {
    expect(words("")).toEqual([]);
    expect(words(" .,;!? — ")).toEqual([]);
  });
});

describe("stem", () => {
  it("GIVEN inflected forms WHEN stemmed THEN they share the Porter stem", () => {
    expect(stem("troops")).toBe(stem("troop"));
    expect(stem("soldiers")).toBe("soldier");
    expect(stem("escalation")).toBe(stem("escalations"));
  });

  it("GIVEN a token with digits WHEN stemmed THEN it is kept as is", () => {
    expect(stem("10000")).toBe("10000");
    expect(stem("1990s")).toBe("1990s");
  });

  it("GIVEN a curly apostrophe WHEN stemmed THEN it stems like the straight one", () => {
    expect(stem("o’clock")).toBe(stem("o'clock"));
  });
});

describe("isStopword", () => {
  it("GIVEN function words and question words THEN they are stopwords, content words are not", () => {
    for (const word of ["the", "what", "how", "according", "don't", "don’t"]) expect(isStopword(word)).toBe(true);
    for (const word of ["troops", "kursk", "korea"]) expect(isStopword(word)).toBe(false);
  });
});

describe("contentTerms", () => {
  it("GIVEN a question WHEN analysed THEN stopwords are dropped and the rest lower-cased and stemmed", () => {
    expect(contentTerms("Where are the North Korean troops in Kursk?")).toEqual([
      { word: "north", stem: "north" },
      { word: "korean", stem: "korean" },
      { word: "troops", stem: "troop" },
      { word: "kursk", stem: "kursk" },
    ]);
  });

  it("GIVEN single letters and single digits WHEN analysed THEN letters are dropped but digits kept", () => {
    expect(contentTerms("plan b costs 6 percent").map((t) => t.word)).toEqual(["plan", "costs", "6", "percent"]);
  });

  it("GIVEN a possessive and a separated number WHEN analysed THEN they match the plain forms", () => {
    expect(contentTerms("Russia’s 10,000")).toEqual(contentTerms("russia 10000"));
  });

  it("GIVEN only stopwords WHEN analysed THEN there are no content terms", () => {
    expect(contentTerms("What is it that they would have said?")).toEqual([]);
  });
});
