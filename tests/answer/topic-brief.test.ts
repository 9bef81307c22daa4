import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open.js";
import { MAX_POINTS, topicBrief } from "../../src/answer/topic-brief.js";
import { CORPUS_DIR, PARAGRAPHS, SEED_ID, SEED_TITLE } from "./seed.js";

let engine: AnswerEngine;
let indexDir: string;

beforeAll(async () => {
  indexDir = await mkdtemp(path.join(tmpdir(), "sitrep-brief-"));
  ({ engine } = await openEngine({ corpusDir: CORPUS_DIR, indexDir }));
});

afterAll(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

describe("topicBrief", () => {
  it.each(["North Korean troops", "South Korea", "Russia's war economy and sanctions"])(
    "GIVEN the topic %j WHEN briefed THEN 3 to 6 points, each a verbatim sentence of the paragraph its marker cites",
    async (topic) => {
      const brief = await topicBrief(engine, topic);

      expect(brief.abstained).toBe(false);
      const points = brief.groups.flatMap((g) => g.points);
      expect(points.length).toBeGreaterThanOrEqual(3);
      expect(points.length).toBeLessThanOrEqual(MAX_POINTS);
      expect(brief.groups.map((g) => [g.docId, g.title])).toEqual([[SEED_ID, SEED_TITLE]]);
      // Markers are numbered in the order a reader meets them.
      const firstUse = [...new Set(points.map((p) => p.n))];
      expect(firstUse).toEqual(firstUse.map((_, i) => i + 1));
      expect(brief.citations.map((c) => c.n)).toEqual(firstUse);
      for (const point of points) {
        const citation = brief.citations.find((c) => c.n === point.n)!;
        expect(PARAGRAPHS[citation.paragraph - 1]).toContain(point.text);
        expect(citation.quote).toContain(point.text);
      }
      expect(brief.passagesSearched).toBe(14);
    },
  );

  it("GIVEN a topic the corpus does not cover WHEN briefed THEN it abstains with the closest passages and no points", async () => {
    const brief = await topicBrief(engine, "What is the boiling point of water?");

    expect(brief).toMatchObject({ abstained: true, groups: [], citations: [] });
    expect(brief.closest.length).toBeGreaterThan(0);
  });
});
