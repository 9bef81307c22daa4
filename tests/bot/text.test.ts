import { describe, expect, it } from "vitest";
import { clip, clipRendered, echoUserText, escapeCorpusText } from "../../src/bot/text.js";

const ARTICLE =
  "According to the U.S. government, at least 10,000 North Korean soldiers have been sent to Kursk. " +
  "On Monday, Ukraine confirmed that it had encountered North Korean troops. " +
  "Uncertainty remains.";

describe("clip", () => {
  it("GIVEN text that fits WHEN clipped THEN it is unchanged", () => {
    expect(clip(ARTICLE, ARTICLE.length)).toBe(ARTICLE);
  });

  it("GIVEN room for whole sentences WHEN clipped THEN it cuts after the last whole sentence, not at the abbreviation U.S.", () => {
    expect(clip(ARTICLE, 180)).toBe(
      "According to the U.S. government, at least 10,000 North Korean soldiers have been sent to Kursk. " +
        "On Monday, Ukraine confirmed that it had encountered North Korean troops. …",
    );
  });

  it("GIVEN a first sentence longer than the room WHEN clipped THEN it cuts at a word boundary", () => {
    expect(clip(ARTICLE, 40)).toBe("According to the U.S. government, at…");
  });

  it("GIVEN one long word WHEN clipped THEN it is cut hard, never over the limit, never halving an emoji", () => {
    expect(clip("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
    expect(clip("😀😀😀😀", 4)).toBe("😀…");
  });

  it("GIVEN any limit WHEN clipped THEN the result never exceeds it", () => {
    for (let max = 0; max <= ARTICLE.length + 2; max++) expect(clip(ARTICLE, max).length).toBeLessThanOrEqual(max);
  });
});

describe("clipRendered", () => {
  it("GIVEN text that escaping lengthens WHEN clipped for a limit THEN the escaped form fits", () => {
    const starry = "*bold* _it_ ".repeat(100);
    const rendered = clipRendered(starry, 100, escapeCorpusText);

    expect(rendered.length).toBeLessThanOrEqual(100);
    expect(rendered.startsWith("\\*bold\\* \\_it\\_")).toBe(true);
    expect(rendered.endsWith("…")).toBe(true);
  });
});

describe("echoUserText", () => {
  it("GIVEN mentions WHEN echoed THEN a zero-width space keeps each from being a mention", () => {
    expect(echoUserText("@everyone @here <@123> <@!456> <@&789>")).toBe(
      "@\u200beveryone @\u200bhere <@\u200b123> <@\u200b!456> <@\u200b&789>",
    );
  });

  it("GIVEN a masked link and a bare URL WHEN echoed THEN neither can link", () => {
    expect(echoUserText("[click](https://evil.example) or http://x.example")).toBe(
      "\\[click](https:\u200b//evil.example) or http:\u200b//x.example",
    );
  });

  it("GIVEN markdown WHEN echoed THEN it shows literally", () => {
    expect(echoUserText("**bold** _it_ `code` ~~s~~ ||spoiler||")).toBe("\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|");
    expect(echoUserText("# heading\n- item\n1. first\n> quote")).toBe("\\# heading\n\\- item\n1\\. first\n\\> quote");
  });
});
