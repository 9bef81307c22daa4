import { describe, expect, it } from "vitest";
import { fitUnits, markedUnits } from "../../../src/bot/render/marked-text.js";

describe("markedUnits", () => {
  it("GIVEN an answer of marked sentences WHEN split THEN each sentence keeps its markers, even several", () => {
    expect(markedUnits("First one. [1] Second, about the U.S. [2][3] Tail without marker.")).toEqual([
      { text: "First one.", markers: [1] },
      { text: "Second, about the U.S.", markers: [2, 3] },
      { text: "Tail without marker.", markers: [] },
    ]);
  });

  it("GIVEN text with no markers WHEN split THEN it is one uncited unit", () => {
    expect(markedUnits("The corpus does not answer this question.")).toEqual([{ text: "The corpus does not answer this question.", markers: [] }]);
  });
});

describe("fitUnits", () => {
  const units = markedUnits("Alpha is first. [1] Beta is second. [2] Gamma is third. [1]");

  it("GIVEN room for everything WHEN fitted THEN the text is whole and every marker is visible", () => {
    expect(fitUnits(units, 500)).toEqual({ text: "Alpha is first. [1] Beta is second. [2] Gamma is third. [1]", markers: new Set([1, 2]), shortened: false });
  });

  it("GIVEN room for two units WHEN fitted THEN the cut falls between units with a mark, and only visible markers count", () => {
    const fitted = fitUnits(units, 45);

    expect(fitted.text).toBe("Alpha is first. [1] Beta is second. [2] …");
    expect(fitted.markers).toEqual(new Set([1, 2]));
    expect(fitted.shortened).toBe(true);
  });

  it("GIVEN room for less than the first unit WHEN fitted THEN the first sentence is clipped but keeps its marker", () => {
    const fitted = fitUnits(units, 14);

    expect(fitted.text).toBe("Alpha is… [1]");
    expect(fitted.markers).toEqual(new Set([1]));
  });

  it("GIVEN any budget WHEN fitted THEN the text fits and no marker is ever cut", () => {
    for (let max = 8; max < 80; max++) {
      const { text } = fitUnits(units, max);
      expect(text.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(text).not.toMatch(/\[\d*$|\[\d+(?!\d*\])/);
    }
  });
});
