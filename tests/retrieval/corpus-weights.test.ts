import { describe, expect, it } from "vitest";
import { corpusSpecificity, keySpecificity } from "../../src/retrieval/corpus-weights.js";
import { LexicalIndex } from "../../src/retrieval/lexical/bm25.js";

function indexOf(texts: readonly string[]): LexicalIndex {
  const index = new LexicalIndex();
  index.add(texts.map((text, i) => ({ id: `p${i}`, text, title: "" })));
  return index;
}

describe("corpusSpecificity", () => {
  const index = indexOf(["korea troops kursk", "korea troops budget", "korea shells", "korea china"]);
  const weigh = corpusSpecificity(index);

  it("GIVEN a word in every passage THEN it keeps only a small share of its weight, and a word in none keeps all of it", () => {
    const weighted = weigh(new Map([["korea", 2], ["gdp", 2], ["kursk", 2]]));
    expect(weighted.get("gdp")).toBeCloseTo(2);
    expect(weighted.get("korea")!).toBeLessThan(0.3);
    expect(weighted.get("kursk")!).toBeGreaterThan(weighted.get("korea")!);
    expect(weighted.get("kursk")!).toBeLessThan(2);
  });

  it("GIVEN a phrase feature THEN it weighs as its rarest word", () => {
    const weighted = weigh(new Map([["korea_kursk", 1], ["kursk", 1]]));
    expect(weighted.get("korea_kursk")).toBeCloseTo(weighted.get("kursk")!);
  });

  it("GIVEN passages removed since the index was loaded THEN no weight turns negative", () => {
    const edited = indexOf(["korea troops", "korea shells", "korea china"]);
    edited.remove(["p0", "p1"]);
    const weighted = corpusSpecificity(edited)(new Map([["korea", 1]]));
    expect(weighted.get("korea")!).toBeGreaterThanOrEqual(0);
  });

  it("GIVEN an empty index THEN the weights are unchanged", () => {
    expect(corpusSpecificity(new LexicalIndex())(new Map([["korea", 1.5]]))).toEqual(new Map([["korea", 1.5]]));
  });

  it("GIVEN keySpecificity THEN it is the share of its weight each feature keeps, from near 0 in every passage to 1 in none", () => {
    const specificity = keySpecificity(index);
    expect(specificity("gdp")).toBeCloseTo(1);
    expect(specificity("korea")).toBeLessThan(0.15);
    expect(weigh(new Map([["kursk", 1]])).get("kursk")).toBeCloseTo(specificity("kursk"));
  });
});
