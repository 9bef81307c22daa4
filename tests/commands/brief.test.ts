import { describe, expect, it } from "vitest";
import { embedOf, SEED_TITLE, useBotHarness } from "../bot/harness.js";

const bot = useBotHarness();

describe("/brief end to end through discord.js", () => {
  it("GIVEN a topic the corpus covers WHEN a user asks for a briefing THEN 3 to 6 cited bullets appear under their document, with Sources for every marker", async () => {
    const h = await bot.start();

    const response = await h.command("brief", { topic: "North Korean troops" });

    expect(response.deferred).toBe(true);
    const embed = embedOf(response);
    expect(embed.title).toBe("Briefing");
    const description = embed.description ?? "";
    expect(description).toContain(`**Topic:** North Korean troops\n\n**${SEED_TITLE}**\n• `);
    const bullets = description.split("\n").filter((line) => line.startsWith("• "));
    expect(bullets.length).toBeGreaterThanOrEqual(3);
    expect(bullets.length).toBeLessThanOrEqual(6);
    for (const line of bullets) expect(line).toMatch(/ \[\d+\]$/);
    const sources = (embed.fields ?? []).map((f) => f.value).join("\n");
    for (const n of new Set(bullets.map((line) => /\[(\d+)\]$/.exec(line)?.[1]))) {
      expect(sources).toMatch(new RegExp(`^\\[${n}\\] ${SEED_TITLE}, ¶\\d+`, "m"));
    }
    expect(embed.footer?.text).toMatch(new RegExp(`^${bullets.length} points from 1 document · Searched 14 passages in \\d+ ms$`));
  });

  it("GIVEN a topic the corpus does not cover WHEN a user asks for a briefing THEN it says the corpus has nothing on it", async () => {
    const h = await bot.start();

    const response = await h.command("brief", { topic: "What is the boiling point of water?" });

    const embed = embedOf(response);
    expect(embed.title).toBe("Briefing: not covered by the corpus");
    expect(embed.description).toContain("The corpus has nothing on this topic.");
    expect(embed.fields?.[0]?.name).toBe("Closest passages (they do not answer it)");
  });
});
