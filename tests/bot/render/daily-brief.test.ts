import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { QUIET_DAY, type BriefLine, type DailyBrief } from "../../../src/answer/daily-brief.js";
import type { Citation } from "../../../src/answer/types.js";
import { embedLength, limitProblems, LIMITS } from "../../../src/bot/limits.js";
import { KEY_POINTS_HEADING, NEW_SINCE_HEADING, renderDailyBrief, SHORTENED_NOTE } from "../../../src/bot/render/daily-brief.js";
import { citation, markersIn, sentence } from "./fixtures.js";

interface Shape {
  readonly fresh?: number;
  readonly key?: number;
  /** Sentences per item, each cited with its own marker. */
  readonly sentences?: number;
  readonly words?: number;
  readonly quoteLength?: number;
  readonly label?: (i: number) => string;
}

/** A brief of `fresh` new items and `key` key points, every sentence cited by a fresh marker. */
function brief(shape: Shape = {}): DailyBrief {
  const citations: Citation[] = [];
  const line = (i: number): BriefLine => {
    const text = Array.from({ length: shape.sentences ?? 1 }, () => {
      const n = citations.length + 1;
      const claim = sentence(n, shape.words ?? 12);
      citations.push(citation(n, `${claim} ${"Quoted context. ".repeat(Math.ceil((shape.quoteLength ?? 0) / 16))}`.trim()));
      return `${claim} [${n}]`;
    }).join(" ");
    return { label: shape.label?.(i) ?? `Item ${i}`, text };
  };
  const newSince = Array.from({ length: shape.fresh ?? 1 }, (_, i) => line(i));
  const keyPoints = Array.from({ length: shape.key ?? 2 }, (_, i) => line(100 + i));
  return { title: "Daily brief — Thu 26 Nov 2026", date: "2026-11-26", newSince, keyPoints, citations };
}

const descriptions = (embeds: readonly APIEmbed[]) => embeds.map((e) => e.description ?? "").join("\n\n");
const sourceLines = (embeds: readonly APIEmbed[]) =>
  embeds
    .flatMap((e) => e.fields ?? [])
    .flatMap((f) => f.value.split("\n"))
    .filter((line) => line !== "");

/** Every marker shown has a Sources line with a quote, and every Sources line belongs to a marker shown. */
function expectMarkersResolve(embeds: readonly APIEmbed[]): void {
  const shown = new Set(markersIn(descriptions(embeds)));
  const listed = sourceLines(embeds).map((line) => {
    expect(line).toMatch(/^\[\d+\] .+, ¶\d+ — “.+”$/);
    return Number(/^\[(\d+)\]/.exec(line)![1]);
  });
  expect(new Set(listed)).toEqual(shown);
}

describe("renderDailyBrief", () => {
  it("GIVEN a small brief WHEN rendered THEN one embed carries the title, both sections and Sources for every marker, pinging no one", () => {
    const message = renderDailyBrief(brief(), { footer: "Posted daily at 07:30 (Europe/London)" });

    expect(message.allowedMentions).toEqual({ parse: [] });
    expect(message.embeds).toHaveLength(1);
    const [embed] = message.embeds;
    expect(embed!.title).toBe("Daily brief — Thu 26 Nov 2026");
    expect(embed!.description).toBe(
      [
        `**${NEW_SINCE_HEADING}**`,
        `• **Item 0** — ${sentence(1)} [1]`,
        "",
        `**${KEY_POINTS_HEADING}**`,
        `• **Item 100** — ${sentence(2)} [2]`,
        `• **Item 101** — ${sentence(3)} [3]`,
      ].join("\n"),
    );
    expect(embed!.fields?.[0]?.name).toBe("Sources");
    expect(sourceLines(message.embeds)[0]).toBe(`[1] North Korean Troops in Russias War, ¶2 — “${sentence(1)}”`);
    expect(embed!.footer?.text).toBe("Posted daily at 07:30 (Europe/London)");
    expectMarkersResolve(message.embeds);
  });

  it("GIVEN nothing new since the last brief WHEN rendered THEN the quiet-day line stands in for the section, not padding", () => {
    const message = renderDailyBrief(brief({ fresh: 0 }));

    expect(message.embeds[0]!.description).toMatch(new RegExp(`^\\*\\*${NEW_SINCE_HEADING}\\*\\*\\n${QUIET_DAY}\\n\\n\\*\\*${KEY_POINTS_HEADING}\\*\\*\\n• `));
  });

  it("GIVEN the largest brief the composer makes, with long sentences and quotes WHEN rendered THEN it fits one message, shortened, every marker resolving", () => {
    const message = renderDailyBrief(brief({ fresh: 5, key: 5, sentences: 2, words: 60, quoteLength: 900 }), { footer: "Posted daily" });

    expect(limitProblems(message)).toEqual([]);
    expect(message.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(message.embeds.at(-1)?.footer?.text).toBe(`Posted daily · ${SHORTENED_NOTE}`);
    expectMarkersResolve(message.embeds);
    // Cuts fall between sentences: each item keeps at least its first cited sentence, whole.
    for (const i of [0, 1, 2, 3, 4]) expect(descriptions(message.embeds)).toContain(`• **Item ${i}** — ${sentence(2 * i + 1, 60)} [${2 * i + 1}]`);
  });

  it("GIVEN sections too long for one embed's description WHEN rendered THEN the key points and Sources move to a second embed of the same message", () => {
    // Ten single-sentence items of ~450 characters: more than one description holds, less than a message does.
    const message = renderDailyBrief(brief({ fresh: 5, key: 5, sentences: 1, words: 60 }));

    expect(limitProblems(message)).toEqual([]);
    expect(message.embeds).toHaveLength(2);
    const [first, second] = message.embeds;
    expect(first!.title).toBe("Daily brief — Thu 26 Nov 2026");
    expect(first!.description).toMatch(new RegExp(`^\\*\\*${NEW_SINCE_HEADING}\\*\\*\\n`));
    expect(first!.fields).toBeUndefined();
    expect(second!.title).toBeUndefined();
    expect(second!.description).toMatch(new RegExp(`^\\*\\*${KEY_POINTS_HEADING}\\*\\*\\n`));
    expect(second!.fields?.[0]?.name).toBe("Sources");
    expectMarkersResolve(message.embeds);
  });

  it("GIVEN a brief that fits WHEN rendered THEN it stays in one embed and says nothing was shortened", () => {
    const message = renderDailyBrief(brief({ fresh: 3, key: 3, sentences: 2 }));

    expect(message.embeds).toHaveLength(1);
    expect(message.embeds[0]!.footer).toBeUndefined();
  });

  it("GIVEN a topic an admin typed with mentions, markdown and a link WHEN rendered THEN it is shown inert", () => {
    const message = renderDailyBrief(brief({ key: 1, label: (i) => (i === 100 ? "@everyone **[win](https://x.example)**" : `Item ${i}`) }));

    const description = message.embeds[0]!.description!;
    expect(description).toContain("• **@\u200beveryone \\*\\*\\[win](https:\u200b//x.example)\\*\\*** — ");
    expect(description).not.toContain("@everyone");
  });

  it("GIVEN a key point the corpus does not cover WHEN rendered THEN its line has no marker and no Sources line is invented", () => {
    const base = brief({ fresh: 0, key: 1 });
    const message = renderDailyBrief({ ...base, keyPoints: [...base.keyPoints, { label: "Mars", text: "Nothing in the corpus on this yet." }] });

    expect(message.embeds[0]!.description).toContain("• **Mars** — Nothing in the corpus on this yet.");
    expectMarkersResolve(message.embeds);
  });
});
