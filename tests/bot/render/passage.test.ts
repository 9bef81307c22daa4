import { describe, expect, it } from "vitest";
import { limitProblems } from "../../../src/bot/limits.js";
import { renderPassage } from "../../../src/bot/render/passage.js";

const DOCUMENT = { id: "doc", title: "Report", file: "doc.md", paragraphs: 3, published: "2024-11-04", url: "https://example.org/a" };

describe("renderPassage", () => {
  it("GIVEN a paragraph WHEN rendered THEN it is shown whole, titled with its place, linked to the article", () => {
    expect(renderPassage(DOCUMENT, 2, "The *text*.").embeds[0]).toEqual({
      title: "Report, ¶2",
      color: expect.any(Number) as number,
      description: "The \\*text\\*.",
      url: "https://example.org/a",
      footer: { text: "doc · paragraph 2 of 3 · 2024-11-04" },
    });
  });

  it("GIVEN a paragraph longer than an embed WHEN rendered THEN it is cut after a sentence and the footer says so", () => {
    const message = renderPassage(DOCUMENT, 1, "One more sentence of the paragraph. ".repeat(200));

    expect(limitProblems(message)).toEqual([]);
    expect(message.embeds[0]?.description).toMatch(/paragraph\. …$/);
    expect(message.embeds[0]?.footer?.text).toContain("shortened to fit Discord");
  });
});
