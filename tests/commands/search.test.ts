import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { embedOf, openSharedEngine, SEED_TITLE, startHarness, type Harness } from "../bot/harness.js";

let shared: Awaited<ReturnType<typeof openSharedEngine>>;
let engine: AnswerEngine;
let harness: Harness | undefined;

beforeAll(async () => {
  shared = await openSharedEngine();
  engine = shared.engine;
});

afterAll(async () => {
  await shared.close();
});

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("/search end to end through discord.js", () => {
  it("GIVEN a query and k WHEN a user searches THEN k passages come back, each with its place, score and an excerpt", async () => {
    const h = (harness = await startHarness(engine));

    const response = await h.command("search", { query: "Kursk", k: 3 });

    expect(response.deferred).toBe(true);
    const embed = embedOf(response);
    expect(embed.description).toBe("**Query:** Kursk");
    expect(embed.fields).toHaveLength(3);
    embed.fields?.forEach((field, i) => {
      expect(field.name).toMatch(new RegExp(`^${i + 1}\\. ${SEED_TITLE}, ¶\\d+ · score (0|1)\\.\\d{3}$`));
      expect(field.value.length).toBeGreaterThan(20);
    });
    expect(embed.fields?.map((f) => f.value).join(" ")).toContain("Kursk");
  });

  it("GIVEN no k WHEN a user searches THEN five passages come back", async () => {
    const h = (harness = await startHarness(engine));

    const response = await h.command("search", { query: "North Korean soldiers" });

    expect(embedOf(response).fields).toHaveLength(5);
  });
});
