import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { toPassages } from "../../src/corpus/passages.js";
import { countWords, splitSentences } from "../../src/corpus/sentences.js";
import type { Article } from "../../src/corpus/types.js";

const SEED_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
const SEED_ID = "north-korean-troops-in-russias-war";

function article(paragraphs: string[]): Article {
  return { id: "doc", title: "Doc", tags: [], file: "doc.md", hash: "0", paragraphs };
}

/** `count` sentences of `words` words each, numbered so every sentence is distinct. */
function paragraphOf(count: number, words: number): string {
  return Array.from({ length: count }, (_, i) => `Sentence ${i} ${"word ".repeat(words - 3)}ends.`).join(" ");
}

async function seedArticle(): Promise<Article> {
  const seed = (await loadCorpus(SEED_DIR)).articles.find((a) => a.id === SEED_ID);
  if (!seed) throw new Error("seed article missing");
  return seed;
}

describe("toPassages", () => {
  it("GIVEN short paragraphs THEN each is one passage numbered from 1", () => {
    const passages = toPassages(article(["First paragraph.", "Second paragraph."]));
    expect(passages).toEqual([
      { id: "doc#1", docId: "doc", paragraph: 1, chunk: 0, text: "First paragraph." },
      { id: "doc#2", docId: "doc", paragraph: 2, chunk: 0, text: "Second paragraph." },
    ]);
  });

  it("GIVEN a paragraph over maxWords THEN it is split at sentence ends into balanced verbatim slices", () => {
    const long = paragraphOf(12, 25);
    const passages = toPassages(article(["Intro.", long]), { targetWords: 120, maxWords: 160 });
    expect(passages.map((p) => p.id)).toEqual(["doc#1", "doc#2.0", "doc#2.1", "doc#2.2"]);
    const slices = passages.slice(1);
    expect(slices.every((p) => p.paragraph === 2)).toBe(true);
    expect(slices.map((p) => p.chunk)).toEqual([0, 1, 2]);
    expect(slices.map((p) => p.text).join(" ")).toBe(long);
    expect(slices.map((p) => countWords(p.text))).toEqual([100, 100, 100]);
    for (const p of slices) expect(p.text).toMatch(/^Sentence \d+ .* ends\.$/);
  });

  it("GIVEN a paragraph just over maxWords THEN the last slice is not a tiny leftover", () => {
    const passages = toPassages(article([paragraphOf(17, 10)]), { targetWords: 120, maxWords: 160 });
    expect(passages.map((p) => countWords(p.text)).sort()).toEqual([80, 90]);
  });

  it("GIVEN one sentence longer than maxWords THEN it is split between words", () => {
    const sentence = `${Array.from({ length: 400 }, (_, i) => `w${i}`).join(" ")}.`;
    const passages = toPassages(article([sentence]), { targetWords: 120, maxWords: 160 });
    expect(passages.length).toBeGreaterThan(1);
    expect(passages.map((p) => p.text).join(" ")).toBe(sentence);
    for (const p of passages) {
      expect(countWords(p.text)).toBeLessThanOrEqual(160);
      expect(p.text).toMatch(/^w\d+ .*\S$/);
    }
  });

  it.each([
    ["default sizes", {}],
    ["small slices", { targetWords: 40, maxWords: 60 }],
  ])("GIVEN the seed article with %s THEN every sentence is in exactly one passage", async (_name, opts) => {
    const seed = await seedArticle();
    const passages = toPassages(seed, opts);
    expect(new Set(passages.map((p) => p.paragraph))).toEqual(new Set(seed.paragraphs.map((_, i) => i + 1)));
    seed.paragraphs.forEach((paragraph, i) => {
      const own = passages.filter((p) => p.paragraph === i + 1);
      expect(own.map((p) => p.text).join(" ")).toBe(paragraph);
      for (const sentence of splitSentences(paragraph)) {
        expect(own.filter((p) => p.text.includes(sentence))).toHaveLength(1);
      }
    });
  });
});
