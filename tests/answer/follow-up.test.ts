import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { resolveFollowUp } from "../../src/answer/follow-up.js";
import { openEngine } from "../../src/answer/open.js";
import { FOLLOW_UPS, followUpHits } from "../support/follow-up-set.js";

describe("resolveFollowUp", () => {
  const history = [{ question: "What did Xi Jinping say at the BRICS summit?" }];

  it("GIVEN no history THEN the message is searched as typed", () => {
    expect(resolveFollowUp([], "Where was it held?")).toBe("Where was it held?");
  });

  it("GIVEN a message that points back ('it') THEN the previous question is added", () => {
    expect(resolveFollowUp(history, "Where was it held?")).toBe("Where was it held? What did Xi Jinping say at the BRICS summit?");
  });

  it("GIVEN a message that names its own subject THEN it is searched alone", () => {
    const standalone = "What is Poland asking NATO members to do about Russian drones?";
    expect(resolveFollowUp(history, standalone)).toBe(standalone);
  });

  it("GIVEN a chain of follow-ups THEN the context is the previous turn as it was understood", () => {
    const chain = [{ question: "Where was it held?", resolvedQuestion: "Where was it held? What did Xi say at BRICS?" }];
    expect(resolveFollowUp(chain, "When?")).toBe("When? Where was it held? What did Xi say at BRICS?");
  });
});

describe("follow-up answers over the seed conversations", () => {
  let work: string;
  let engine: AnswerEngine;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "sitrep-follow-up-"));
    ({ engine } = await openEngine({ corpusDir: new URL("../../corpus", import.meta.url).pathname, indexDir: path.join(work, "index") }));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("GIVEN the fixtures THEN there are at least 15 two-turn conversations with gold paragraphs", () => {
    expect(FOLLOW_UPS.length).toBeGreaterThanOrEqual(15);
    expect(FOLLOW_UPS.every((c) => c.turns.length === 2 && c.gold.length > 0)).toBe(true);
  });

  it("GIVEN the first turn as context WHEN the second is answered THEN ≥ 80% cite a gold paragraph, more than without context", async () => {
    const withContext = await followUpHits(engine, FOLLOW_UPS, true);
    const alone = await followUpHits(engine, FOLLOW_UPS, false);
    expect(withContext.hits / FOLLOW_UPS.length, withContext.misses.join("\n")).toBeGreaterThanOrEqual(0.8);
    expect(withContext.hits).toBeGreaterThan(alone.hits);
  });

  it("GIVEN 'Where was it held?' after the BRICS question THEN the answer cites the paragraph that names Kazan", async () => {
    const answer = await engine.followUp([{ question: "What did Xi Jinping say at the BRICS summit?" }], "Where was it held?");
    expect(answer.question).toBe("Where was it held?");
    expect(answer.abstained).toBe(false);
    expect(answer.citations.some((c) => c.paragraph === 6 && c.quote.includes("Kazan"))).toBe(true);
  });

  it("GIVEN a how-many question and then a follow-up on another subject THEN the follow-up is not held to the earlier question's need for a figure", async () => {
    const answer = await engine.followUp(
      [{ question: "How many North Korean troops are in Kursk?" }],
      "What did the BRICS summit declaration say about mediation?",
    );
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.paragraph).toBe(7);
  });
});
