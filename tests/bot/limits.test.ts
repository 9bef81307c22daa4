import { describe, expect, it } from "vitest";
import { embedLength, limitProblems } from "../../src/bot/limits.js";

describe("limitProblems", () => {
  it("GIVEN a message within every limit WHEN checked THEN there is no problem", () => {
    expect(limitProblems({ content: "x".repeat(2000), embeds: [{ description: "d".repeat(4096), fields: [{ name: "n", value: "v".repeat(1024) }] }] })).toEqual([]);
  });

  it("GIVEN each limit broken by one WHEN checked THEN each is named", () => {
    const problems = limitProblems({
      content: "x".repeat(2001),
      embeds: [
        {
          title: "t".repeat(257),
          description: "d".repeat(4097),
          footer: { text: "f".repeat(2049) },
          fields: Array.from({ length: 26 }, () => ({ name: "n", value: "v" })),
        },
        { fields: [{ name: "n".repeat(257), value: "v".repeat(1025) }, { name: "", value: "v" }] },
      ],
    });

    expect(problems).toEqual([
      "content is 2001 long (max 2000)",
      "embed 0 title is 257 long (max 256)",
      "embed 0 description is 4097 long (max 4096)",
      "embed 0 footer is 2049 long (max 2048)",
      "embed 0 field count is 26 long (max 25)",
      "embed 1 field 0 name is 257 long (max 256)",
      "embed 1 field 0 value is 1025 long (max 1024)",
      "embed 1 field 1 is empty",
      "embeds in total is 7738 long (max 6000)",
    ]);
  });

  it("GIVEN an embed WHEN measured THEN title, description, field names and values, footer and author count", () => {
    expect(embedLength({ title: "ab", description: "c", fields: [{ name: "de", value: "f" }], footer: { text: "g" }, author: { name: "h" } })).toBe(8);
  });
});
