import { describe, expect, it } from "vitest";
import type { DocumentInfo } from "../../../src/answer/engine.js";
import { limitProblems } from "../../../src/bot/limits.js";
import { filterDocuments, renderDocuments } from "../../../src/bot/render/documents.js";

function doc(i: number, extra: Partial<DocumentInfo> = {}): DocumentInfo {
  return { id: `doc-${i}`, title: `Report ${i}`, file: `doc-${i}.md`, paragraphs: i, ...extra };
}

const ids = (message: ReturnType<typeof renderDocuments>) =>
  message.components.flatMap((row) => row.components.map((c) => ("custom_id" in c ? [c.custom_id, c.disabled === true] : [])));

describe("renderDocuments", () => {
  it("GIVEN a few documents WHEN rendered THEN one page lists title, date, paragraphs and id, with no paging buttons", () => {
    const message = renderDocuments([doc(1, { published: "2024-11-04" }), doc(2)], "", 1);

    expect(message.embeds[0]?.description).toBe("**Report 1** · 2024-11-04 · 1 paragraphs · `doc-1`\n**Report 2** · 2 paragraphs · `doc-2`");
    expect(message.embeds[0]?.footer?.text).toBe("Page 1 of 1 · 2 documents");
    expect(message.components).toEqual([]);
  });

  it("GIVEN 25 documents WHEN page 2 and an out-of-range page are rendered THEN paging buttons point to neighbours and pages are clamped", () => {
    const docs = Array.from({ length: 25 }, (_, i) => doc(i + 1));

    expect(ids(renderDocuments(docs, "x:y", 2))).toEqual([
      ["sources:page:1:x:y", false],
      ["sources:page:3:x:y", false],
    ]);
    const last = renderDocuments(docs, "", 99);
    expect(last.embeds[0]?.footer?.text).toBe("Page 3 of 3 · 25 documents");
    expect(ids(last)).toEqual([
      ["sources:page:2:", false],
      ["sources:page:4:", true],
    ]);
  });

  it("GIVEN huge titles and ids WHEN a full page is rendered THEN it still fits", () => {
    const docs = Array.from({ length: 10 }, (_, i) => doc(i, { title: "*".repeat(1000), id: "i".repeat(500), published: "2024-01-01" }));

    expect(limitProblems(renderDocuments(docs, "*".repeat(60), 1))).toEqual([]);
  });
});

describe("filterDocuments", () => {
  it("GIVEN a filter WHEN applied THEN it matches title, id or source without regard to case", () => {
    const docs = [doc(1, { title: "Kursk update" }), doc(2, { source: "Example Wire" }), doc(3)];

    expect(filterDocuments(docs, "KURSK").map((d) => d.id)).toEqual(["doc-1"]);
    expect(filterDocuments(docs, "wire").map((d) => d.id)).toEqual(["doc-2"]);
    expect(filterDocuments(docs, "doc-3").map((d) => d.id)).toEqual(["doc-3"]);
    expect(filterDocuments(docs, "  ")).toHaveLength(3);
  });
});
