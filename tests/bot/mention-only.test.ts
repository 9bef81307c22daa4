/**
 * When Discord refuses the privileged Message Content intent (gateway close 4014 at IDENTIFY), the bot says so once
 * and serves on in mention-only mode: real discord.js against a stand-in that refuses the intent.
 */
import { GatewayIntentBits, type APIMessage } from "discord.js";
import { describe, expect, it } from "vitest";
import { MESSAGE_CONTENT_REFUSED } from "../../src/bot/bot.js";
import { HINTS } from "../../src/bot/render/thread-answer.js";
import { buttonId, embedOf, SEED_TITLE, type Harness, useBotHarness } from "./harness.js";

const XI = "What did Xi Jinping say at the BRICS summit?";

const bot = useBotHarness();

function botMessagesAfter(h: Harness, channelId: string, afterId: string): APIMessage[] {
  return h.standin.messages(channelId).filter((m) => m.author.id === h.standin.ids.botUserId && BigInt(m.id) > BigInt(afterId));
}

describe("Message Content intent refused", () => {
  it("GIVEN an application without the Message Content intent WHEN the bot starts THEN it logs one clear line, logs in again without it, and serves commands", async () => {
    const fatal: string[] = [];
    const h = await bot.start({ standin: { messageContentAllowed: false }, onFatal: (reason) => fatal.push(reason) });

    const help = await h.command("help");

    expect(h.bot.messageContent).toBe(false);
    const identifies = h.standin.gateway.identifies.map((i) => i.intents);
    expect(identifies).toHaveLength(2);
    expect(identifies[0]! & GatewayIntentBits.MessageContent).not.toBe(0);
    expect(identifies[1]! & GatewayIntentBits.MessageContent).toBe(0);
    expect(identifies[1]! & GatewayIntentBits.GuildMessages).not.toBe(0);
    const about = h.logs.filter((l) => /Message Content|intent/i.test(String(l.msg)));
    expect(about).toEqual([expect.objectContaining({ level: 40, msg: MESSAGE_CONTENT_REFUSED })]);
    expect(MESSAGE_CONTENT_REFUSED).toContain("Bot → Privileged Gateway Intents → Message Content Intent");
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(h.logs.find((l) => l.msg === "logged in to Discord")).toMatchObject({ messages: "mentions only" });
    expect(fatal).toEqual([]);
    expect(embedOf(help).title).toMatch(/^sitrep/);
  });

  it("GIVEN mention-only mode and a follow-up thread WHEN a message does not mention sitrep THEN one hint says to mention it; a message that does is answered in context", async () => {
    const h = await bot.start({ standin: { messageContentAllowed: false } });
    const botId = h.standin.ids.botUserId;
    const answer = await h.command("ask", { question: XI });
    await h.press(answer.message!, buttonId(answer.message, "ask:thread:"));
    const threadId = answer.message!.id;
    const intro = await h.standin.waitForMessage(threadId);

    const unheard = h.standin.sendMessage({ channelId: threadId, content: "Where was it held?" });
    await h.standin.waitForMessage(threadId, (m) => m.message_reference?.message_id === unheard.id);
    const unheardAgain = h.standin.sendMessage({ channelId: threadId, content: "Hello?" });
    const asked = h.standin.sendMessage({ channelId: threadId, content: `<@${botId}> Where was it held?` });
    await h.standin.waitFor("the answer", () => h.logs.find((l) => l.message === asked.id && l.msg === "follow-up answered"));

    expect(intro.content).toContain(`Mention <@${botId}> at the start of each question`);
    const replies = botMessagesAfter(h, threadId, unheard.id);
    expect(replies[0]!.content).toBe(HINTS.mentionOnly(botId));
    expect(replies.some((m) => m.message_reference?.message_id === unheardAgain.id)).toBe(false);
    const reply = replies.filter((m) => m.message_reference?.message_id === asked.id);
    expect(reply).toHaveLength(1);
    expect(reply[0]!.content).toMatch(new RegExp(`\\[1\\] ${SEED_TITLE}, ¶6 — “[^”]*Kazan`));
    expect(reply[0]!.mentions).toEqual([]);
    expect(h.conversations.turns(threadId).map((t) => t.question)).toEqual([XI, "Where was it held?"]);
  });
});
