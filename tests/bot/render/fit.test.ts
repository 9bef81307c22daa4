import { describe, expect, it } from "vitest";
import { DESCRIPTION_BUDGETS, fitEmbed, packBlocks } from "../../../src/bot/render/fit.js";

describe("fitEmbed", () => {
  it("GIVEN content that fits only with shorter details WHEN fitted THEN details shrink before the description does", () => {
    const tried: [number, number][] = [];

    const embed = fitEmbed([300, 250], (description, detail) => {
      tried.push([description, detail]);
      return { description: "d".repeat(description), fields: Array.from({ length: 10 }, () => ({ name: "f", value: "v".repeat(detail) })) };
    });

    expect(tried).toEqual([
      [4096, 300],
      [4096, 250],
      [3000, 300],
      [3000, 250],
    ]);
    expect(embed.description).toHaveLength(3000);
    expect(embed.fields?.[0]?.value).toHaveLength(250);
  });

  it("GIVEN content that never fits WHEN fitted THEN it says the reply is too long instead of sending something Discord rejects", () => {
    const embed = fitEmbed([0], () => ({ title: "Answer", description: "x", fields: Array.from({ length: 30 }, () => ({ name: "n", value: "v" })) }));

    expect(embed).toEqual({ title: "Answer", description: "This reply is too long to show in Discord." });
    expect(DESCRIPTION_BUDGETS.at(-1)).toBe(300);
  });
});

describe("packBlocks", () => {
  it("GIVEN blocks WHEN packed THEN whole blocks fill each chunk in order", () => {
    expect(packBlocks(["aaa", "bbb", "cc", "dddd"], 7)).toEqual(["aaa\nbbb", "cc\ndddd"]);
    expect(packBlocks([], 7)).toEqual([]);
  });
});
