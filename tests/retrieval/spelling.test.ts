import { describe, expect, it } from "vitest";
import { SpellingCorrector } from "../../src/retrieval/spelling.js";
import { stem } from "../../src/retrieval/text/terms.js";

/** English words by commonness (0 = commonest), as the word vectors rank them. */
const COMMON = ["troops", "tanks", "banks", "casualties", "artillery", "disillusioned", "ranks", "receive", "blinked", "kimchi"];
const CORPUS = "Troops and tanks took casualties; artillery fire left the ranks in disillusionment.";
const corpusStems = new Set(CORPUS.toLowerCase().match(/\p{L}+/gu)!.map(stem));

const corrector = new SpellingCorrector({
  isKnown: (word) => COMMON.includes(word),
  commonness: (word) => (COMMON.includes(word) ? COMMON.indexOf(word) : undefined),
  inCorpus: (s) => corpusStems.has(s),
  formInCorpus: (s) => [...corpusStems].some((known) => known.startsWith(s) || s.startsWith(known)),
});

describe("SpellingCorrector", () => {
  it("GIVEN a word one letter swapped, left out, added or changed from a corpus word THEN it is read as that word", () => {
    expect(corrector.correct("how many casualites?")).toBe("how many casualties?");
    expect(corrector.correct("where is the artilery")).toBe("where is the artillery");
    expect(corrector.correct("how many troopps")).toBe("how many troops");
    expect(corrector.correct("why are the ranks disillusoned")).toBe("why are the ranks disillusioned");
  });

  it("GIVEN several words one edit away THEN the commonest that the corpus uses wins", () => {
    // "tanks" and "ranks" are both in the corpus, "banks" is not; "tanks" is the commoner.
    expect(corrector.correct("what about the xanks")).toBe("what about the tanks");
  });

  it("GIVEN words English or the corpus knows, or no corpus word one edit away THEN the question is left as typed", () => {
    for (const question of ["how do I make kimchi", "did they recieve it", "troops and tanks", "what about the zzzzzz"]) {
      expect(corrector.correct(question)).toBe(question);
    }
  });

  it("GIVEN a capitalised name, a short word or a contraction typed without its apostrophe THEN it is never mended", () => {
    expect(corrector.correct("What did Tankks say? hasnt he seen the tnks")).toBe("What did Tankks say? hasnt he seen the tnks");
    expect(corrector.correct("whats the artilery")).toBe("whats the artillery");
  });
});
