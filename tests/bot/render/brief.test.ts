import { describe, expect, it } from "vitest";
import type { TopicBrief } from "../../../src/answer/topic-brief.js";
import { limitProblems } from "../../../src/bot/limits.js";
import { renderBrief } from "../../../src/bot/render/brief.js";
import { citation, markersIn, sentence } from "./fixtures.js";

function brief(groups: number, pointsPerGroup: number, words = 12, quoteLength = 100): TopicBrief {
  let n = 0;
  const citations: ReturnType<typeof citation>[] = [];
  return {
    topic: "Kursk",
    abstained: false,
    groups: Array.from({ length: groups }, (_, g) => ({
      docId: `doc-${g}`,
      title: `Document ${g}`,
      points: Array.from({ length: pointsPerGroup }, () => {
        n++;
        citations.push(citation(n, `${sentence(n, words)} ${"x ".repeat(quoteLength / 2)}`, `Document ${g}`));
        return { text: sentence(n, words), n };
      }),
    })),
    get citations() {
      return citations;
    },
    closest: [],
    passagesSearched: 14,
    milliseconds: 8,
  };
}

describe("renderBrief", () => {
  it("GIVEN points in two documents WHEN rendered THEN bullets sit under their document heading and Sources cover every marker", () => {
    const message = renderBrief(brief(2, 2));

    const embed = message.embeds[0]!;
    expect(embed.description).toBe(
      [
        "**Topic:** Kursk",
        "",
        "**Document 0**",
        `• ${sentence(1)} [1]`,
        `• ${sentence(2)} [2]`,
        "",
        "**Document 1**",
        `• ${sentence(3)} [3]`,
        `• ${sentence(4)} [4]`,
      ].join("\n"),
    );
    expect(markersIn(embed.fields?.map((f) => f.value).join("\n") ?? "")).toEqual([1, 2, 3, 4]);
    expect(embed.footer?.text).toBe("4 points from 2 documents · Searched 14 passages in 8 ms");
  });

  it("GIVEN a brief far over the limits WHEN rendered THEN whole bullets are dropped from the end and Sources match what is shown", () => {
    const message = renderBrief(brief(6, 6, 120, 2000));

    expect(limitProblems(message)).toEqual([]);
    const embed = message.embeds[0]!;
    const shown = [...new Set(markersIn(embed.description ?? ""))];
    expect(shown.length).toBeLessThan(36);
    expect(markersIn(embed.fields?.map((f) => f.value).join("\n") ?? "")).toEqual(shown);
    expect(embed.footer?.text).toContain("shortened to fit Discord");
    for (const line of (embed.description ?? "").split("\n").filter((l) => l.startsWith("• "))) expect(line).toMatch(/ \[\d+\]( …)?$/);
  });
});
