import { ChannelType, PermissionFlagsBits, PermissionsBitField } from "discord.js";
import { describe, expect, it } from "vitest";
import { KeyedQueue, questionText } from "../../../src/bot/follow-ups.js";
import { LIMITS } from "../../../src/bot/limits.js";
import { FOLLOW_UP_QUOTE_BUDGET, packPieces, renderFollowUp, threadIntro } from "../../../src/bot/render/thread-answer.js";
import { threadKind, threadName } from "../../../src/bot/threads.js";
import { answerOf, hit, markersIn, TITLE } from "./fixtures.js";

const followUp = (answer: ReturnType<typeof answerOf>, resolvedQuestion = answer.question) => ({ ...answer, resolvedQuestion });

describe("renderFollowUp", () => {
  it("GIVEN a short answer WHEN rendered THEN one message holds the answer with its markers and a Sources line per marker, with the feedback buttons", () => {
    const messages = renderFollowUp(followUp(answerOf(2, { quoteLength: 40 })), "abc123");

    expect(messages).toHaveLength(1);
    const content = messages[0]!.content!;
    expect(content).toMatch(/^Sentence 1 says .* \[1\] Sentence 2 says .* \[2\]\n\n\*\*Sources\*\*\n\[1\] /);
    expect(content).toContain(`[2] ${TITLE}, ¶3 — “Sentence 2`);
    expect(content).not.toContain("Read with the conversation");
    expect(messages[0]!.allowedMentions).toEqual({ parse: [] });
    const ids = messages[0]!.components.flatMap((row) => row.components.map((c) => ("custom_id" in c ? c.custom_id : "")));
    expect(ids).toEqual(["ask:sources:abc123", "ask:up:abc123", "ask:down:abc123"]);
    expect(renderFollowUp(followUp(answerOf(1)))[0]!.components).toEqual([]);
  });

  it("GIVEN a long answer with long quotes WHEN rendered THEN it is split into messages within 2000 characters, only between sentences or Sources lines, losing nothing", () => {
    const answer = answerOf(40, { words: 30, quoteLength: 900 });

    const messages = renderFollowUp(followUp(answer), "abc123");
    const contents = messages.map((m) => m.content!);

    expect(messages.length).toBeGreaterThan(2);
    for (const content of contents) {
      expect(content.length).toBeLessThanOrEqual(LIMITS.content);
      // Every message starts a sentence or a Sources line, and ends one.
      expect(content).toMatch(/^(Sentence \d+|\*\*Sources\*\*|\[\d+\] )/);
      expect(content).toMatch(/(\[\d+\]|”)$/);
    }
    const all = contents.join("\n");
    for (let i = 1; i <= 40; i++) {
      expect(all).toContain(`Sentence ${i} says`);
      expect(all).toMatch(new RegExp(`^\\[${i}\\] ${TITLE}, ¶${i + 1} — “`, "m"));
    }
    expect(markersIn(all.split("**Sources**")[0]!)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(Math.max(...all.split("\n").filter((l) => l.startsWith("[")).map((l) => l.length))).toBeLessThanOrEqual(FOLLOW_UP_QUOTE_BUDGET + 100);
    expect(messages.slice(0, -1).every((m) => m.components.length === 0)).toBe(true);
    expect(messages.at(-1)!.components).toHaveLength(1);
  });

  it("GIVEN a follow-up read with the conversation WHEN rendered THEN a last line shows what was searched, the user's text made inert", () => {
    const answer = answerOf(1, { question: "Where? @everyone" });

    const content = renderFollowUp(followUp(answer, "Where? @everyone **What did Xi say?**"))[0]!.content!;

    expect(content).toMatch(/\n\n-# Read with the conversation so far as: Where\? @\u200beveryone \\\*\\\*What did Xi say\?\\\*\\\*$/);
  });

  it("GIVEN an abstention WHEN rendered THEN it says so and lists the closest passages, citing nothing", () => {
    const answer = { ...answerOf(0), abstained: true, answer: "The corpus does not answer this question.", citations: [], closest: [hit(3, "Some *nearby* text.")] };

    const content = renderFollowUp(followUp(answer), "abc123")[0]!.content!;

    expect(content).toBe(`The corpus does not answer this question.\n\n**Closest passages (they do not answer it)**\n• ${TITLE}, ¶3 — “Some \\*nearby\\* text.”`);
  });
});

describe("packPieces", () => {
  it("GIVEN pieces WHEN they overflow THEN a new message starts with the piece that did not fit, without its separator", () => {
    const pieces = [
      { text: "a".repeat(6), separator: "" },
      { text: "b".repeat(3), separator: " " },
      { text: "c".repeat(4), separator: "\n" },
    ];

    expect(packPieces(pieces, 10)).toEqual(["aaaaaa bbb", "cccc"]);
  });
});

describe("threads", () => {
  it("GIVEN questions WHEN named THEN the thread name is one clean line of at most 100 characters", () => {
    expect(threadName("  What did\u200b Xi   say?\u0007 ")).toBe("What did Xi say?");
    const long = threadName(`${"word ".repeat(40)}end?`);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/^word word .*…$/);
    expect(threadName("\u200b")).toBe("Follow-up");
  });

  it("GIVEN THREADS and what the channel allows WHEN a thread kind is chosen THEN private only where possible, with the reason otherwise", () => {
    const can = new PermissionsBitField(PermissionFlagsBits.CreatePrivateThreads);
    const cannot = new PermissionsBitField(PermissionFlagsBits.CreatePublicThreads);

    expect(threadKind("public", { channelType: ChannelType.GuildText, permissions: can })).toEqual({ private: false });
    expect(threadKind("private", { channelType: ChannelType.GuildText, permissions: can })).toEqual({ private: true });
    expect(threadKind("private", { channelType: ChannelType.GuildText, permissions: cannot })).toEqual({
      private: false,
      fallback: "sitrep lacks the Create Private Threads permission in this channel",
    });
    expect(threadKind("private", { channelType: ChannelType.GuildAnnouncement, permissions: can })).toMatchObject({ private: false });
  });

  it("GIVEN mention-only mode WHEN the thread is introduced THEN it says to mention the bot; the question is made inert", () => {
    const intro = threadIntro("@everyone why?", { mentionOnly: true, botId: "99" }).content!;

    expect(intro).toBe("Follow-up questions on “@\u200beveryone why?”. Mention <@99> at the start of each question: sitrep can read only the messages that mention it.");
  });

  it("GIVEN a message that mentions the bot WHEN its question is read THEN the mentions are dropped", () => {
    expect(questionText("<@99> Where was it held? <@!99>", "99")).toBe("Where was it held?");
    expect(questionText("<@98> hi", "99")).toBe("<@98> hi");
  });

  it("GIVEN tasks queued on one key WHEN they run THEN one at a time in order, and a failure does not stop the next", async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const slow = (name: string, ms: number) => () => new Promise<string>((resolve) => setTimeout(() => { order.push(name); resolve(name); }, ms));

    const a = queue.run("t", slow("a", 30));
    const b = queue.run("t", () => Promise.reject(new Error("b failed")));
    const c = queue.run("t", slow("c", 1));
    const other = queue.run("u", slow("other", 1));

    await expect(b).rejects.toThrow("b failed");
    expect(await Promise.all([a, c, other])).toEqual(["a", "c", "other"]);
    expect(order).toEqual(["other", "a", "c"]);
  });
});
