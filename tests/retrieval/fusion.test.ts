import { describe, expect, it } from "vitest";
import { reciprocalRankFusion, type Ranked } from "../../src/retrieval/fusion.js";

const ranked = (...keys: string[]): Ranked[] => keys.map((key, i) => ({ key, score: 100 - i }));

describe("reciprocalRankFusion", () => {
  it("GIVEN two rankings WHEN fused THEN each item scores the sum of weight / (k + rank + 1) over the lists it is in", () => {
    const fused = reciprocalRankFusion([ranked("a", "b"), ranked("b", "c")], [1, 1], 60);
    const byKey = new Map(fused.map((f) => [f.key, f]));
    expect(byKey.get("a")?.fused).toBeCloseTo(1 / 61, 12);
    expect(byKey.get("b")?.fused).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(byKey.get("c")?.fused).toBeCloseTo(1 / 62, 12);
    expect(byKey.get("b")?.ranks).toEqual([1, 0]);
    expect(byKey.get("a")?.ranks).toEqual([0, undefined]);
    expect(byKey.get("c")?.ranks).toEqual([undefined, 1]);
  });

  it("GIVEN an item found by both rankings WHEN fused THEN it outranks items each list put first alone", () => {
    const fused = reciprocalRankFusion([ranked("vec-only", "both"), ranked("lex-only", "both")], [1, 1]);
    expect(fused[0]?.key).toBe("both");
    expect(new Set(fused.slice(1).map((f) => f.key))).toEqual(new Set(["vec-only", "lex-only"]));
  });

  it("GIVEN results sorted by fused score THEN the order is descending", () => {
    const fused = reciprocalRankFusion([ranked("a", "b", "c", "d"), ranked("d", "c", "e")], [1, 2]);
    const scores = fused.map((f) => f.fused);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it("GIVEN raw scores on very different scales WHEN fused THEN only the ranks matter", () => {
    const small = [
      { key: "a", score: 0.9 },
      { key: "b", score: 0.1 },
    ];
    const huge = [
      { key: "b", score: 1e9 },
      { key: "a", score: 1 },
    ];
    const fused = reciprocalRankFusion([small, huge], [1, 1]);
    expect(fused[0]?.fused).toBeCloseTo(fused[1]!.fused, 12);
  });

  it("GIVEN a heavier weight for one list WHEN fused THEN that list's first item wins", () => {
    const fused = reciprocalRankFusion([ranked("a", "b"), ranked("b", "a")], [3, 1]);
    expect(fused.map((f) => f.key)).toEqual(["a", "b"]);
    expect(fused[0]?.fused).toBeCloseTo(3 / 61 + 1 / 62, 12);
  });

  it("GIVEN a missing weight WHEN fused THEN that list weighs 1", () => {
    const withDefault = reciprocalRankFusion([ranked("a"), ranked("b")], [1]);
    expect(withDefault.map((f) => f.fused)).toEqual([1 / 61, 1 / 61]);
  });

  it("GIVEN a key repeated within one list WHEN fused THEN only its best (first) rank counts", () => {
    const fused = reciprocalRankFusion([ranked("a", "b", "a")], [1]);
    expect(fused.find((f) => f.key === "a")).toEqual({ key: "a", fused: 1 / 61, ranks: [0] });
  });

  it("GIVEN a smaller k WHEN fused THEN the top ranks weigh relatively more", () => {
    const [first, second] = reciprocalRankFusion([ranked("a", "b")], [1], 1);
    expect(first?.fused).toBeCloseTo(1 / 2, 12);
    expect(second?.fused).toBeCloseTo(1 / 3, 12);
  });

  it("GIVEN no lists or only empty lists WHEN fused THEN the result is empty", () => {
    expect(reciprocalRankFusion([], [])).toEqual([]);
    expect(reciprocalRankFusion([[], []], [1, 1])).toEqual([]);
  });
});
