import { describe, expect, it } from "vitest";
import { bagCosine, maximalMarginalRelevance } from "../../src/retrieval/mmr.js";
import { contentTerms } from "../../src/retrieval/text/terms.js";

interface Item {
  readonly id: string;
  readonly text: string;
  readonly relevance: number;
}

function bag(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const term of contentTerms(text)) out.set(term.stem, (out.get(term.stem) ?? 0) + 1);
  return out;
}

const similarity = (a: Item, b: Item): number => bagCosine(bag(a.text), bag(b.text));
const relevance = (item: Item): number => item.relevance;

const PASSAGE = "At least 10,000 North Korean soldiers have been sent to Russia's Kursk region.";
const ITEMS: Item[] = [
  { id: "original", text: PASSAGE, relevance: 1 },
  { id: "copy", text: PASSAGE, relevance: 0.99 },
  { id: "near-copy", text: `${PASSAGE} Reports say so.`, relevance: 0.98 },
  { id: "other", text: "China worries about the partnership between Moscow and Pyongyang.", relevance: 0.8 },
  { id: "third", text: "Poland calls on NATO to shoot down drones over its airspace.", relevance: 0.7 },
];

describe("maximalMarginalRelevance", () => {
  it("GIVEN near-duplicate passages WHEN the top 3 are chosen THEN only one of the duplicates is taken", () => {
    const chosen = maximalMarginalRelevance(ITEMS, relevance, similarity, 3).map((i) => i.id);
    expect(chosen).toEqual(["original", "other", "third"]);
  });

  it("GIVEN an exact copy WHEN its redundancy is weighed THEN it ranks below a less relevant but new passage", () => {
    const [, second] = maximalMarginalRelevance([ITEMS[0]!, ITEMS[1]!, ITEMS[3]!], relevance, similarity, 2);
    expect(second?.id).toBe("other");
  });

  it("GIVEN the most relevant candidate THEN it is always picked first", () => {
    const shuffled = [ITEMS[3]!, ITEMS[1]!, ITEMS[0]!, ITEMS[4]!, ITEMS[2]!];
    expect(maximalMarginalRelevance(shuffled, relevance, similarity, 1).map((i) => i.id)).toEqual(["original"]);
  });

  it("GIVEN lambda 1 WHEN chosen THEN diversity is ignored and the order is by relevance", () => {
    const chosen = maximalMarginalRelevance(ITEMS, relevance, similarity, 3, 1).map((i) => i.id);
    expect(chosen).toEqual(["original", "copy", "near-copy"]);
  });

  it("GIVEN k larger than the candidates WHEN chosen THEN each candidate appears exactly once", () => {
    const chosen = maximalMarginalRelevance(ITEMS, relevance, similarity, 50);
    expect(chosen).toHaveLength(ITEMS.length);
    expect(new Set(chosen.map((i) => i.id)).size).toBe(ITEMS.length);
  });

  it("GIVEN k of 0 or no candidates THEN nothing is chosen", () => {
    expect(maximalMarginalRelevance(ITEMS, relevance, similarity, 0)).toEqual([]);
    expect(maximalMarginalRelevance<Item>([], relevance, similarity, 5)).toEqual([]);
  });

  it("GIVEN candidates with zero relevance WHEN chosen THEN it does not divide by zero and still returns k items", () => {
    const flat = ITEMS.map((i) => ({ ...i, relevance: 0 }));
    const chosen = maximalMarginalRelevance(flat, relevance, similarity, 2);
    expect(chosen).toHaveLength(2);
    expect(chosen.map((i) => i.id)).toEqual(["original", "other"]);
  });

  it("GIVEN the input array WHEN chosen THEN it is not modified", () => {
    const input = [...ITEMS];
    maximalMarginalRelevance(input, relevance, similarity, 3);
    expect(input).toEqual(ITEMS);
  });
});

describe("bagCosine", () => {
  it("GIVEN identical bags THEN the similarity is 1", () => {
    expect(bagCosine(bag(PASSAGE), bag(PASSAGE))).toBeCloseTo(1, 12);
  });

  it("GIVEN bags without shared terms THEN the similarity is 0", () => {
    expect(bagCosine(new Map([["a", 1]]), new Map([["b", 2]]))).toBe(0);
  });

  it("GIVEN an empty bag THEN the similarity is 0, not NaN", () => {
    expect(bagCosine(new Map(), new Map([["a", 1]]))).toBe(0);
    expect(bagCosine(new Map(), new Map())).toBe(0);
  });

  it("GIVEN weighted bags THEN it is the cosine of the weight vectors, symmetric and scale-free", () => {
    const a = new Map([
      ["x", 1],
      ["y", 2],
    ]);
    const b = new Map([
      ["y", 3],
      ["z", 4],
    ]);
    expect(bagCosine(a, b)).toBeCloseTo(6 / (Math.sqrt(5) * 5), 12);
    expect(bagCosine(b, a)).toBeCloseTo(bagCosine(a, b), 12);
    const scaled = new Map([...a].map(([k, v]) => [k, v * 10]));
    expect(bagCosine(scaled, b)).toBeCloseTo(bagCosine(a, b), 12);
  });
});
