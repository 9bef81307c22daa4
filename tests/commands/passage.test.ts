import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { escapeCorpusText } from "../../src/bot/text.js";
import { CORPUS_DIR, embedOf, expectMentionsMutedEverywhere, SEED_ID, SEED_TITLE, useBotHarness } from "../bot/harness.js";

const PARAGRAPHS = readFileSync(path.join(CORPUS_DIR, `${SEED_ID}.txt`), "utf8").split("\n");

const bot = useBotHarness();

describe("/passage end to end through discord.js", () => {
  it("GIVEN a document and paragraph WHEN a user asks for the passage THEN the whole paragraph is shown at once, titled with its place", async () => {
    const h = await bot.start();

    const response = await h.command("passage", { document: SEED_ID, paragraph: 3 });

    expect(response.deferred).toBe(false);
    expect(response.ephemeral).toBe(false);
    const embed = embedOf(response);
    expect(embed.title).toBe(`${SEED_TITLE}, ¶3`);
    expect(embed.description).toBe(escapeCorpusText(PARAGRAPHS[2]!));
    expect(embed.footer?.text).toBe(`${SEED_ID} · paragraph 3 of 14`);
    expectMentionsMutedEverywhere(h.standin);
  });

  it("GIVEN a paragraph number past the end WHEN a user asks THEN a private reply gives the valid range", async () => {
    const h = await bot.start();

    const response = await h.command("passage", { document: SEED_ID, paragraph: 99 });

    expect(response.ephemeral).toBe(true);
    expect(response.content).toBe(`"${SEED_TITLE}" has paragraphs 1 to 14.`);
  });

  it("GIVEN the user types part of a title WHEN Discord asks for autocomplete THEN matching documents come back as choices with their ids", async () => {
    const h = await bot.start();
    const complete = async (typed: string) => {
      const id = h.standin.sendAutocomplete({ name: "passage", focused: "document", options: { document: typed } });
      return (await h.standin.waitForInteractionResponse(id)).choices;
    };

    const started = performance.now();
    const matching = await complete("KOREAN tro");
    const elapsed = performance.now() - started;

    expect(matching).toEqual([{ name: `${SEED_TITLE} (14 ¶)`, value: SEED_ID }]);
    expect(await complete("")).toEqual(matching);
    expect(await complete("no such article")).toEqual([]);
    // Discord drops autocomplete answers after 3 s; this one needs no engine work at all.
    expect(elapsed).toBeLessThan(1000);
  });
});
