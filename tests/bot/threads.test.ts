/**
 * Thread Q&A end to end: the real bot (discord.js Client, router, commands, follow-up handler, real engine over the
 * bundled corpus, SQLite in a temp dir) logged in to the Discord stand-in, driven as people in a server would.
 */
import { ChannelType, GatewayDispatchEvents, PermissionFlagsBits, type APIMessage } from "discord.js";
import { describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { HINTS } from "../../src/bot/render/thread-answer.js";
import type { UserMessageInput } from "../support/discord-standin/index.js";
import { buttonId, embedOf, expectMentionsMutedEverywhere, SEED_TITLE, type Harness, useBotHarness } from "./harness.js";

const XI = "What did Xi Jinping say at the BRICS summit?";
const WHERE = "Where was it held?";
const KURSK = "How many North Korean soldiers were sent to Kursk?";

const bot = useBotHarness();
const start: typeof bot.start = (...args) => bot.start(...args);

/** /ask, then "Follow up in thread"; resolves once the thread's introduction is posted. */
async function openThread(h: Harness, question = XI): Promise<{ answerMessage: APIMessage; threadId: string; ack: string | undefined }> {
  const answer = await h.command("ask", { question });
  const ack = await h.press(answer.message!, buttonId(answer.message, "ask:thread:"));
  const threadId = answer.message!.id;
  await h.standin.waitForMessage(threadId, (m) => m.author.id === h.standin.ids.botUserId && m.content.startsWith("Follow-up questions on"));
  return { answerMessage: answer.message!, threadId, ack: ack.content };
}

const DONE = new Set(["follow-up answered", "message without a question", "user error", "follow-up failed"]);

/**
 * A person posts in a channel or thread; resolves with every message the bot wrote after it once the bot has finished
 * with it (its log line for that message).
 */
async function say(h: Harness, channelId: string, content: string, extra: Partial<UserMessageInput> = {}): Promise<{ sent: APIMessage; replies: APIMessage[] }> {
  const sent = h.standin.sendMessage({ channelId, content, ...extra });
  await h.standin.waitFor(`the bot to finish with message ${sent.id}`, () => h.logs.find((l) => l.message === sent.id && DONE.has(String(l.msg))));
  return { sent, replies: botMessagesAfter(h, channelId, sent.id) };
}

function botMessagesAfter(h: Harness, channelId: string, afterId: string): APIMessage[] {
  return h.standin.messages(channelId).filter((m) => m.author.id === h.standin.ids.botUserId && BigInt(m.id) > BigInt(afterId));
}

function text(messages: readonly APIMessage[]): string {
  return messages.map((m) => m.content).join("\n");
}

describe("follow-up questions in a thread", () => {
  it("GIVEN an answer WHEN the user presses Follow up in thread and asks 'Where was it held?' there THEN the thread is named after the question and the reply, shown while typing, cites ¶6 (Kazan) in context", async () => {
    const h = await start();

    const { threadId, ack } = await openThread(h);
    const { sent, replies } = await say(h, threadId, WHERE);

    expect(h.standin.channel(threadId)?.name).toBe(XI);
    expect(ack).toBe(`Follow-up thread opened: <#${threadId}>. Every message there is answered with this answer in mind.`);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply.message_reference?.message_id).toBe(sent.id);
    expect(reply.mentions).toEqual([]);
    expect(reply.content).toContain("Kazan");
    expect(reply.content).toMatch(/\[1\]/);
    expect(reply.content).toMatch(new RegExp(`\\*\\*Sources\\*\\*\\n\\[1\\] ${SEED_TITLE}, ¶6 — “[^”]*Kazan`));
    expect(reply.content).toContain(`-# Read with the conversation so far as: ${WHERE} ${XI}`);
    expect(reply.components?.length).toBe(1);
    // The typing indicator went up before the answer was posted.
    const typing = h.standin.requests.findIndex((r) => r.method === "POST" && r.path === `/channels/${threadId}/typing`);
    const posted = h.standin.requests.findIndex((r) => r.method === "POST" && r.path === `/channels/${threadId}/messages` && (r.response as APIMessage).id === reply.id);
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(posted);
    // Both turns are stored, with what was searched and the citations given.
    const turns = h.conversations.turns(threadId);
    expect(turns.map((t) => [t.question, t.resolvedQuestion])).toEqual([
      [XI, XI],
      [WHERE, `${WHERE} ${XI}`],
    ]);
    expect(turns[1]!.citations.some((c) => c.paragraph === 6 && c.quote.includes("Kazan"))).toBe(true);
    expect(h.conversations.get(threadId)).toMatchObject({ openedBy: h.standin.ids.memberUserId, parentId: h.standin.ids.channelId, closed: null });
    expectMentionsMutedEverywhere(h.standin);
    expect(h.standin.unhandledRequests).toEqual([]);
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it("GIVEN /ask with thread:true WHEN the answer is posted THEN a thread opens on it at once, and a follow-up there is answered in context", async () => {
    const h = await start();

    const answer = await h.command("ask", { question: XI, thread: true });
    const threadId = answer.message!.id;
    await h.standin.waitForMessage(threadId);
    const { replies } = await say(h, threadId, WHERE);

    expect(embedOf(answer).title).toBe("Answer");
    expect(h.standin.channel(threadId)?.name).toBe(XI);
    expect(text(replies)).toMatch(new RegExp(`\\[1\\] ${SEED_TITLE}, ¶6 — “[^”]*Kazan`));
  });

  it("GIVEN a thread with a turn in it WHEN the bot restarts (new Client, same DATA_DIR) before the next message THEN the follow-up is still read in context", async () => {
    const h = await start();
    const { threadId } = await openThread(h);
    const identifiesBefore = h.standin.gateway.identifies.length;

    await h.restart();
    const { replies } = await say(h, threadId, WHERE);

    expect(h.standin.gateway.identifies.length).toBe(identifiesBefore + 1);
    expect(text(replies)).toMatch(new RegExp(`\\[1\\] ${SEED_TITLE}, ¶6 — “[^”]*Kazan`));
    expect(h.conversations.turns(threadId).map((t) => t.question)).toEqual([XI, WHERE]);
  });

  it("GIVEN two follow-ups sent at once WHEN both are answered THEN the second is read with the first (answers go in order)", async () => {
    const h = await start();
    const { threadId } = await openThread(h, KURSK);

    const first = h.standin.sendMessage({ channelId: threadId, content: "What did Xi Jinping say at the BRICS summit about it?" });
    const { replies } = await say(h, threadId, WHERE);

    const turns = h.conversations.turns(threadId);
    expect(turns.map((t) => t.question)).toEqual([KURSK, first.content, WHERE]);
    expect(turns[2]!.resolvedQuestion).toBe(`${WHERE} ${turns[1]!.resolvedQuestion}`);
    expect(replies.length).toBeGreaterThan(0);
  });

  it("GIVEN a thread WHEN another bot, and sitrep itself, post in it THEN neither gets an answer; a person's message does", async () => {
    const h = await start();
    const { threadId } = await openThread(h);
    const botsBefore = botMessagesAfter(h, threadId, "0").length;

    const fromBot = h.standin.sendMessage({ channelId: threadId, content: WHERE, bot: true });
    const fromSelf = h.standin.sendMessage({ channelId: threadId, content: WHERE, authorId: h.standin.ids.botUserId });
    const { replies } = await say(h, threadId, WHERE);

    expect(replies).toHaveLength(1);
    // The bot's messages: what it had posted, the one posted in its name, and the one reply.
    expect(botMessagesAfter(h, threadId, "0")).toHaveLength(botsBefore + 2);
    for (const ignored of [fromBot, fromSelf]) {
      expect(h.logs.some((l) => l.message === ignored.id)).toBe(false);
      expect(h.standin.messages(threadId).some((m) => m.message_reference?.message_id === ignored.id)).toBe(false);
    }
    expect(h.conversations.turns(threadId)).toHaveLength(2);
  });

  it("GIVEN a thread a person opened WHEN a message there does not mention sitrep THEN it is ignored; one that mentions it is answered on its own", async () => {
    const h = await start();
    const thread = h.standin.createThread({ name: "team chatter" });
    const botId = h.standin.ids.botUserId;
    await h.standin.waitFor("discord.js to see the thread", () => h.bot.client.channels.cache.get(thread.id));

    const ignored = h.standin.sendMessage({ channelId: thread.id, content: KURSK });
    const { sent, replies } = await say(h, thread.id, `<@${botId}> ${KURSK}`);

    expect(h.logs.some((l) => l.message === ignored.id)).toBe(false);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.message_reference?.message_id).toBe(sent.id);
    expect(replies[0]!.content).toContain("10,000");
    expect(replies[0]!.content).not.toContain("Read with the conversation");
    expect(h.conversations.get(thread.id)).toBeUndefined();
    expect(h.logs.find((l) => l.message === sent.id && l.msg === "follow-up answered")).toMatchObject({ inThread: false, turns: 0 });
  });

  it("GIVEN a plain channel WHEN a message mentions sitrep with a question THEN it is answered there; without the mention nothing happens", async () => {
    const h = await start();
    const botId = h.standin.ids.botUserId;
    const channelId = h.standin.ids.channelId;

    const ignored = h.standin.sendMessage({ content: KURSK });
    const { replies } = await say(h, channelId, `<@${botId}> ${KURSK}`);

    expect(h.logs.some((l) => l.message === ignored.id)).toBe(false);
    expect(text(replies)).toContain("10,000");
  });

  it("GIVEN a thread WHEN a message is empty or only an attachment THEN a short hint says to type a question, and nothing is stored", async () => {
    const h = await start();
    const { threadId } = await openThread(h);
    const file = h.standin.addAttachment("map.png", "not really a png", "image/png");

    const attached = await say(h, threadId, "", { attachmentIds: [file.id] });
    const empty = await say(h, threadId, "   ");

    expect(attached.replies.map((m) => m.content)).toEqual([HINTS.attachmentOnly]);
    expect(empty.replies.map((m) => m.content)).toEqual([HINTS.empty]);
    expect(h.conversations.turns(threadId)).toHaveLength(1);
  });

  it("GIVEN text a user typed with @everyone and markdown WHEN the reply echoes it THEN it is escaped and pings no one", async () => {
    const h = await start();
    const { threadId } = await openThread(h);

    const { replies } = await say(h, threadId, "@everyone **where** was it [held](https://evil.example)?");

    const reply = replies.at(-1)!;
    expect(reply.mention_everyone).toBe(false);
    expect(reply.mentions).toEqual([]);
    expect(text(replies)).toContain("@\u200beveryone \\*\\*where\\*\\*");
    expect(text(replies)).not.toMatch(/https?:\/\//);
    expectMentionsMutedEverywhere(h.standin);
  });

  it("GIVEN a limit of 1 ask per window WHEN a user sends three follow-ups at once THEN one is answered and a single notice says when to try again", async () => {
    const h = await start({ askLimit: { max: 1, windowMs: 60_000 } });
    const { threadId } = await openThread(h);
    // The /ask used the allowance; the admin asks in the thread instead.
    const asker = h.standin.ids.adminUserId;

    const first = await say(h, threadId, WHERE, { authorId: asker });
    const second = await say(h, threadId, "When?", { authorId: asker });
    const third = h.standin.sendMessage({ channelId: threadId, content: "Who was there?", authorId: asker });
    await h.standin.waitFor("the third message to be refused", () => h.logs.find((l) => l.message === third.id && l.code === "RATE_LIMITED"));

    expect(text(first.replies)).toContain("Kazan");
    expect(second.replies.map((m) => m.content)).toEqual([expect.stringMatching(/^You have asked 1 times in 60 s, the most allowed: try again in \d+ s\.$/)]);
    expect(botMessagesAfter(h, threadId, third.id)).toEqual([]);
  });
});

describe("follow-ups that fail", () => {
  it("GIVEN a follow-up over 1000 characters WHEN it is asked THEN the reply is the friendly message and nothing is stored", async () => {
    const h = await start();
    const { threadId } = await openThread(h);

    const { replies } = await say(h, threadId, `Why ${"really ".repeat(200)}?`);

    expect(replies.map((m) => m.content)).toEqual([expect.stringMatching(/^The question is \d+ characters long; keep it under 1000\.$/)]);
    expect(h.conversations.turns(threadId)).toHaveLength(1);
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it("GIVEN the engine failing on one follow-up WHEN it is asked THEN the reply carries a ref that the error log line has, and the next follow-up is answered", async () => {
    // The real engine, but its followUp throws for one message, as a bug would.
    const failing = new Proxy(bot.engine(), {
      get(target, prop) {
        if (prop === "followUp") {
          return (history: Parameters<AnswerEngine["followUp"]>[0], message: string) =>
            message.includes("kaboom") ? Promise.reject(new Error("kaboom in followUp")) : target.followUp(history, message);
        }
        return Reflect.get(target, prop, target) as unknown;
      },
    });
    const h = await start({}, failing);
    const { threadId } = await openThread(h);

    const failed = await say(h, threadId, "kaboom?");
    const next = await say(h, threadId, WHERE);

    const ref = /^Something went wrong \(ref ([0-9A-F]{6})\)/.exec(failed.replies[0]?.content ?? "")?.[1];
    expect(ref).toBeDefined();
    const line = h.logs.find((l) => l.ref === ref);
    expect(line).toMatchObject({ level: 50, msg: "follow-up failed", kind: "message", message: failed.sent.id });
    expect((line?.err as { stack?: string } | undefined)?.stack).toMatch(/Error: kaboom in followUp\n\s+at /);
    expect(text(next.replies)).toContain("Kazan");
    expect(h.rawLogs.join("\n")).not.toContain(h.standin.token);
  });
});

describe("threads that go away", () => {
  it("GIVEN a follow-up thread WHEN a moderator deletes it THEN its conversation is closed, nothing is logged as an error, and the next command works", async () => {
    const h = await start();
    const { threadId } = await openThread(h);

    h.standin.deleteThread(threadId);
    await h.standin.waitFor("the conversation to close", () => h.conversations.get(threadId)?.closed?.reason === "deleted");
    const next = await h.command("ask", { question: KURSK });

    expect(embedOf(next).title).toBe("Answer");
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it("GIVEN a follow-up being answered WHEN its thread is deleted before the reply is posted THEN the 404 closes the conversation once, without retrying or an error", async () => {
    const h = await start();
    const { threadId } = await openThread(h);

    const sent = h.standin.sendMessage({ channelId: threadId, content: WHERE });
    h.standin.deleteThread(threadId);
    await h.standin.waitFor("the failed reply", () =>
      h.standin.requests.find((r) => r.method === "POST" && r.path === `/channels/${threadId}/messages` && r.status === 404),
    );
    await h.standin.waitFor("the bot to give up on the message", () => h.logs.find((l) => l.message === sent.id && l.code === 10003));
    const next = await h.command("ask", { question: KURSK });

    expect(h.standin.requests.filter((r) => r.method === "POST" && r.path === `/channels/${threadId}/messages` && r.status === 404)).toHaveLength(1);
    expect(h.conversations.get(threadId)?.closed?.reason).toBe("deleted");
    expect(h.conversations.turns(threadId)).toHaveLength(1);
    expect(embedOf(next).title).toBe("Answer");
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it("GIVEN a follow-up thread WHEN it is archived and then someone posts in it again THEN the conversation closes, and reopens with its context", async () => {
    const h = await start();
    const { threadId } = await openThread(h);
    const thread = h.standin.channel(threadId)!;

    h.standin.dispatchRaw(GatewayDispatchEvents.ThreadUpdate, { ...thread, thread_metadata: { ...("thread_metadata" in thread ? thread.thread_metadata : {}), archived: true } });
    await h.standin.waitFor("the conversation to close", () => h.conversations.get(threadId)?.closed?.reason === "archived");
    const { replies } = await say(h, threadId, WHERE);

    expect(text(replies)).toContain("Kazan");
    expect(h.conversations.get(threadId)?.closed).toBeNull();
  });

  it("GIVEN an answer whose thread was deleted WHEN Follow up in thread is pressed again THEN a new thread opens on it", async () => {
    const h = await start();
    const { answerMessage, threadId } = await openThread(h);
    h.standin.deleteThread(threadId);
    await h.standin.waitFor("the conversation to close", () => h.conversations.get(threadId)?.closed);

    const again = await h.press(answerMessage, buttonId(answerMessage, "ask:thread:"));

    expect(again.content, JSON.stringify(h.logs.filter((l) => (l.level as number) >= 50))).toMatch(/^Follow-up thread opened/);
    expect(h.conversations.get(threadId)?.closed).toBeNull();
    expect(h.conversations.turns(threadId).map((t) => t.question)).toEqual([XI]);
  });

  it("GIVEN an answer with a thread WHEN Follow up in thread is pressed again THEN a private reply points to the existing thread", async () => {
    const h = await start();
    const { answerMessage, threadId } = await openThread(h);

    const again = await h.press(answerMessage, buttonId(answerMessage, "ask:thread:"), h.standin.ids.adminUserId);

    expect(again.ephemeral).toBe(true);
    expect(again.content).toBe(`This answer already has a follow-up thread: <#${threadId}>. Ask your follow-up there.`);
  });
});

describe("answers that cannot have a thread", () => {
  it("GIVEN a private answer WHEN its Follow up in thread button is pressed THEN a private reply says why, and no thread is opened", async () => {
    const h = await start();
    const answer = await h.command("ask", { question: XI, private: true });

    const response = await h.press(answer.message!, buttonId(answer.message, "ask:thread:"));

    expect(response.ephemeral).toBe(true);
    expect(response.content).toBe("A private answer cannot have a thread: ask again without private:true to follow up in a thread.");
    expect(h.standin.channel(answer.message!.id)).toBeUndefined();
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});

describe("THREADS=private", () => {
  it("GIVEN THREADS=private and Create Private Threads WHEN Follow up in thread is pressed THEN a private thread opens beside the answer, the asker is added, and a follow-up there is answered in context", async () => {
    const h = await start({ threads: "private", standin: { botPermissions: PermissionFlagsBits.CreatePrivateThreads } });
    const answer = await h.command("ask", { question: XI });

    const ack = await h.press(answer.message!, buttonId(answer.message, "ask:thread:"));

    const threadId = /Private follow-up thread opened: <#(\d+)>/.exec(ack.content ?? "")?.[1];
    if (threadId === undefined) throw new Error(`no thread in the acknowledgement: ${ack.content ?? ""}`);
    const thread = h.standin.channel(threadId);
    // Not started on the answer (a private thread cannot be): a thread of the answer's channel, with its own id.
    expect(thread).toMatchObject({ type: ChannelType.PrivateThread, parent_id: h.standin.ids.channelId });
    expect(threadId).not.toBe(answer.message!.id);
    expect(h.standin.threadMembers(threadId)).toEqual([h.standin.ids.memberUserId]);
    const intro = await h.standin.waitForMessage(threadId, (m) => m.author.id === h.standin.ids.botUserId);
    // The thread hangs off nothing, so its introduction links back to the answer.
    expect(intro.content).toContain(`/channels/${h.standin.ids.guildId}/${h.standin.ids.channelId}/${answer.message!.id}`);

    const { replies } = await say(h, threadId, WHERE);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.content).toMatch(new RegExp(`\\*\\*Sources\\*\\*\\n\\[1\\] ${SEED_TITLE}, ¶6 — “[^”]*Kazan`));
    expect(h.conversations.get(threadId)).toMatchObject({ openedBy: h.standin.ids.memberUserId, parentId: h.standin.ids.channelId, closed: null });
    expect(h.conversations.turns(threadId).map((t) => [t.question, t.resolvedQuestion])).toEqual([
      [XI, XI],
      [WHERE, `${WHERE} ${XI}`],
    ]);
    expect(h.standin.unhandledRequests).toEqual([]);
    expect(h.logs.filter((l) => (l.level as number) >= 40)).toEqual([]);
  });

  it("GIVEN THREADS=private and a bot without Create Private Threads WHEN a thread is opened THEN it falls back to a public one with a log line", async () => {
    const h = await start({ threads: "private" });

    const { threadId } = await openThread(h);

    expect(h.standin.channel(threadId)?.type).toBe(11);
    const fallback = h.logs.filter((l) => String(l.msg).startsWith("THREADS=private"));
    expect(fallback).toHaveLength(1);
    expect(fallback[0]).toMatchObject({ level: 40, reason: "sitrep lacks the Create Private Threads permission in this channel" });
  });
});
