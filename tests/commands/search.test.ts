import { describe, expect, it } from "vitest";
import { embedOf, SEED_TITLE, useBotHarness } from "../bot/harness.js";

const bot = useBotHarness();

describe("/search end to end through discord.js", () => {
  it("GIVEN a query and k WHEN a user searches THEN k passages come back, each with its place, score and an excerpt", async () => {
    const h = await bot.start();

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
    const h = await bot.start();

    const response = await h.command("search", { query: "North Korean soldiers" });

    expect(embedOf(response).fields).toHaveLength(5);
  });
});
