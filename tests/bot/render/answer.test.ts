import { describe, expect, it } from "vitest";
import { LIMITS, limitProblems } from "../../../src/bot/limits.js";
import { renderAnswer } from "../../../src/bot/render/answer.js";
import type { BotMessage } from "../../../src/bot/render/message.js";
import { answerOf, hit, markersIn, TITLE } from "./fixtures.js";

function sourcesText(message: BotMessage): string {
  return (message.embeds[0]?.fields ?? []).map((f) => f.value).join("\n");
}

function ids(message: BotMessage): string[] {
  return message.components.flatMap((row) => row.components.flatMap((c) => ("custom_id" in c ? [c.custom_id] : [])));
}

describe("renderAnswer", () => {
  it("GIVEN a typical answer WHEN rendered THEN it has the question, the marked answer, one Sources line per citation and the footer", () => {
    const answer = answerOf(3, { quoteLength: 60 });

    const message = renderAnswer(answer, "abc123");

    const embed = message.embeds[0]!;
    expect(embed.title).toBe("Answer");
    expect(embed.description).toBe(`**Q:** What happened in Kursk?\n\n${answer.answer}`);
    expect(embed.fields?.[0]?.name).toBe("Sources");
    expect(sourcesText(message).split("\n").map((line) => line.slice(0, line.indexOf(" —")))).toEqual([
      `[1] ${TITLE}, ¶2`,
      `[2] ${TITLE}, ¶3`,
      `[3] ${TITLE}, ¶4`,
    ]);
    expect(embed.footer?.text).toBe("Searched 14 passages in 12 ms");
    expect(message.allowedMentions).toEqual({ parse: [] });
    expect(ids(message)).toEqual(["ask:sources:abc123", "ask:up:abc123", "ask:down:abc123", "ask:thread:abc123"]);
    expect(limitProblems(message)).toEqual([]);
  });

  it("GIVEN long quotes WHEN rendered THEN the Sources lines trim the quotes, say where the full quotes are, and stay inside the field limit", () => {
    const message = renderAnswer(answerOf(5, { quoteLength: 2000 }), "id");

    const fields = message.embeds[0]?.fields ?? [];
    expect(fields.every((f) => f.value.length <= LIMITS.fieldValue)).toBe(true);
    expect(markersIn(sourcesText(message))).toEqual([1, 2, 3, 4, 5]);
    expect(sourcesText(message)).toContain("…”");
    expect(message.embeds[0]?.footer?.text).toBe("Searched 14 passages in 12 ms · Sources has the full quotes");
    expect(limitProblems(message)).toEqual([]);
  });

  it("GIVEN an answer far over every limit WHEN rendered THEN it fits Discord, cuts only between sentences, and shows Sources for every visible marker", () => {
    const question = `${"**bold** [x](https://e.example) ".repeat(30)}`.slice(0, 1000);
    const answer = answerOf(60, { words: 60, quoteLength: 3000, question, title: "T".repeat(300) });

    const message = renderAnswer(answer, "id");

    expect(limitProblems(message)).toEqual([]);
    const embed = message.embeds[0]!;
    const body = embed.description!.split("\n\n").slice(1).join("\n\n");
    const visible = [...new Set(markersIn(body))];
    expect(visible.length).toBeGreaterThan(3);
    expect(visible.length).toBeLessThan(60);
    expect(body).toMatch(/\[\d+\] …$/);
    expect(markersIn(sourcesText(message))).toEqual(visible);
    expect(embed.footer?.text).toContain("answer shortened to fit Discord; Sources has the full quotes");
  });

  it("GIVEN an abstention WHEN rendered THEN it says the corpus does not cover it, lists the closest passages, and offers only the vote buttons", () => {
    const message = renderAnswer(
      {
        ...answerOf(0),
        abstained: true,
        answer: "The corpus does not answer this question.",
        closest: [hit(8, "A third concern is South Korea. It may send advisors."), hit(5, "There are reasons to question it.")],
      },
      "id",
    );

    const embed = message.embeds[0]!;
    expect(embed.title).toBe("Not covered by the corpus");
    expect(embed.description).toBe("**Q:** What happened in Kursk?\n\nThe corpus does not answer this question.");
    expect(embed.fields).toEqual([
      {
        name: "Closest passages (they do not answer it)",
        value: `${TITLE}, ¶8 — “A third concern is South Korea. It may send advisors.”\n${TITLE}, ¶5 — “There are reasons to question it.”`,
      },
    ]);
    expect(ids(message)).toEqual(["ask:up:id", "ask:down:id"]);
  });
});
