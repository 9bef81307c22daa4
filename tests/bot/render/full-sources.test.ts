import { describe, expect, it } from "vitest";
import { limitProblems } from "../../../src/bot/limits.js";
import { renderFullSources } from "../../../src/bot/render/full-sources.js";
import { citation, TITLE } from "./fixtures.js";

describe("renderFullSources", () => {
  it("GIVEN short quotes WHEN rendered THEN one message quotes each in full under its marker and place", () => {
    const messages = renderFullSources([citation(2, "Second *quote*."), citation(1, "First quote.")]);

    expect(messages).toHaveLength(1);
    expect(messages[0]?.embeds[0]).toMatchObject({
      title: "Sources, quoted in full",
      description: `**[1] ${TITLE}, ¶2**\n> First quote.\n\n**[2] ${TITLE}, ¶3**\n> Second \\*quote\\*.`,
    });
  });

  it("GIVEN quotes that together exceed a message WHEN rendered THEN they spill into more messages, each within limits, none cut", () => {
    const quotes = [1, 2, 3, 4].map((n) => `Quote ${n} begins. ${"Words of the paragraph. ".repeat(150)}Quote ${n} ends.`);

    const messages = renderFullSources(quotes.map((q, i) => citation(i + 1, q)));

    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(limitProblems(message)).toEqual([]);
    const all = messages.flatMap((m) => m.embeds.map((e) => e.description)).join("\n");
    for (const quote of quotes) expect(all).toContain(quote);
  });

  it("GIVEN a quote longer than an embed can hold WHEN rendered THEN it alone is clipped, at a sentence", () => {
    const messages = renderFullSources([citation(1, "A sentence of the paragraph. ".repeat(400))]);

    expect(limitProblems(messages[0]!)).toEqual([]);
    expect(messages[0]?.embeds[0]?.description).toMatch(/paragraph\. …$/);
  });
});
