import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/corpus/article.js";
import { contentHash, MAX_UPLOAD_BYTES, prepareUpload } from "../../src/curation/upload.js";
import { isUserError } from "../../src/errors.js";

const TXT = "Ceasefire talks opened in Geneva on Monday.\nBoth delegations met for three hours.\n";
const MD = `---
title: Geneva Talks Open
published: 2026-11-20
source: Wire
tags: [diplomacy]
---

Ceasefire talks opened in Geneva on Monday.

Both delegations met for three hours.
`;

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isUserError(error) && error.code === "BAD_FILE") return error.message;
    throw error;
  }
  throw new Error("expected the upload to be refused");
}

describe("prepareUpload", () => {
  it("GIVEN a .txt file THEN it is stored as Markdown whose paragraphs are the file's lines, titled from its name", () => {
    const prepared = prepareUpload("geneva-talks.txt", Buffer.from(TXT));
    expect(prepared.article.title).toBe("Geneva Talks");
    expect(prepared.article.paragraphs).toEqual(["Ceasefire talks opened in Geneva on Monday.", "Both delegations met for three hours."]);
    expect(prepared.fileName).toMatch(/^geneva-talks-[0-9a-f]{8}\.md$/);
    expect(prepared.article.id).toBe(prepared.fileName.replace(/\.md$/, ""));
    // What is written reads back as the same article.
    expect(parseArticle(prepared.fileName, Buffer.from(prepared.text)).paragraphs).toEqual(prepared.article.paragraphs);
  });

  it("GIVEN a Markdown file and curator metadata THEN the metadata wins over the front matter and the rest is kept", () => {
    const prepared = prepareUpload("whatever.md", Buffer.from(MD), { title: "Talks in Geneva", url: "https://example.org/geneva" });
    expect(prepared.article).toMatchObject({
      title: "Talks in Geneva",
      published: "2026-11-20",
      source: "Wire",
      url: "https://example.org/geneva",
      tags: ["diplomacy"],
    });
    expect(prepared.fileName).toMatch(/^talks-in-geneva-[0-9a-f]{8}\.md$/);
  });

  it("GIVEN the same text as .txt and as .md THEN both have one content hash, so the second is a duplicate", () => {
    const asText = prepareUpload("a.txt", Buffer.from(TXT));
    const asMarkdown = prepareUpload("b.md", Buffer.from(MD));
    expect(asText.contentHash).toBe(asMarkdown.contentHash);
    expect(asText.contentHash).toBe(contentHash(asText.article.paragraphs));
  });

  it.each([
    ["a path", "../../etc/cron.d/evil.md", /not a plain file name/],
    ["a Windows path", "..\\corpus\\x.txt", /not a plain file name/],
    ["a dot-file", ".hidden.md", /not a plain file name/],
    ["another extension", "report.pdf", /Only \.md .* and \.txt/],
  ])("GIVEN a file name with %s THEN it is refused before reading", (_what, name, message) => {
    expect(refusal(() => prepareUpload(name, Buffer.from(TXT)))).toMatch(message);
  });

  it.each([
    ["binary bytes", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /looks binary/],
    ["invalid UTF-8", Buffer.from([0x61, 0xff, 0xfe, 0x62]), /not valid UTF-8/],
    ["nothing", Buffer.alloc(0), /empty/],
    ["broken front matter", Buffer.from("---\ntitle: [unclosed\n---\n\nText.\n"), /front matter/],
    ["too many bytes", Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x61), /at most 5 MiB/],
  ])("GIVEN %s THEN the upload is refused with the reason", (_what, bytes, message) => {
    expect(refusal(() => prepareUpload("report.md", bytes))).toMatch(message);
  });

  it("GIVEN a published value that is not a date THEN the refusal names the option, not the file", () => {
    expect(refusal(() => prepareUpload("a.txt", Buffer.from(TXT), { published: "last tuesday" }))).toMatch(
      /title, published, source or url given is not valid: .*published/,
    );
  });

  it("GIVEN a .txt line that Markdown would read as a heading THEN it is refused rather than changed", () => {
    expect(refusal(() => prepareUpload("a.txt", Buffer.from("# Not a heading\nText.\n")))).toMatch(/begins like a Markdown heading/);
  });
});
