import {
  DiscordAPIError,
  MessageType,
  RESTJSONErrorCodes,
  type AnyThreadChannel,
  type Channel,
  type GuildTextBasedChannel,
  type Message,
} from "discord.js";
import type { AnswerEngine } from "../answer/engine.js";
import { isUserError } from "../errors.js";
import type { ClosedReason, Conversation, ConversationStore } from "./conversation-store.js";
import type { FeedbackStore } from "./feedback-store.js";
import type { Logger } from "./logger.js";
import { rateLimitMessage, type RateLimiter } from "./rate-limiter.js";
import { NO_MENTIONS, textMessage, type BotMessage } from "./render/message.js";
import { HINTS, renderFollowUp } from "./render/thread-answer.js";
import { errorRef, internalErrorMessage } from "./router.js";
import type { BotMode } from "./threads.js";

/** Discord shows "sitrep is typing…" for about 10 s; it is renewed while an answer takes longer. */
const TYPING_RENEW_MS = 8000;
/** Bounds the per-run memory of who was told what, should a very busy server fill it. */
const MEMORY_LIMIT = 10_000;

/** Send failures that mean the thread is gone or closed for good: the conversation ends, nothing is retried. */
const GONE: ReadonlyMap<number | string, ClosedReason> = new Map<number | string, ClosedReason>([
  [RESTJSONErrorCodes.UnknownChannel, "deleted"],
  [RESTJSONErrorCodes.InvalidActionOnArchivedThread, "archived"],
  [RESTJSONErrorCodes.ThreadLocked, "archived"],
  [RESTJSONErrorCodes.MissingAccess, "unreachable"],
  [RESTJSONErrorCodes.MissingPermissions, "unreachable"],
]);

/** Runs tasks one after another per key, so two quick messages in a thread are answered in order, each in context. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** The text a message asks, without the mentions of the bot that addressed it. */
export function questionText(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, "g"), " ").trim();
}

export interface FollowUpOptions {
  readonly engine: AnswerEngine;
  readonly feedback: FeedbackStore;
  readonly conversations: ConversationStore;
  /** The same allowance as /ask: a follow-up is an ask. */
  readonly askLimiter: RateLimiter;
  readonly mode: BotMode;
  readonly log: Logger;
}

/** The message being answered, and its channel as it was when the message arrived. */
interface Where {
  readonly message: Message<true>;
  readonly channel: GuildTextBasedChannel;
}

interface Addressed {
  /** The stored conversation, when the message is in a thread sitrep opened. */
  readonly conversation: Conversation | undefined;
  readonly mentioned: boolean;
}

/**
 * Messages: in a thread sitrep opened, every message from a person is a follow-up, answered with the conversation so
 * far; anywhere else, a message that mentions sitrep is answered on its own. Also keeps the stored conversations in
 * step with their threads (archived, deleted). Like the interaction router it never throws: a failure is logged with
 * a ref the user is shown, and the bot goes on.
 */
export class FollowUpHandler {
  private readonly queue = new KeyedQueue();
  /** Threads already told (this run) that sitrep reads only mentions there. */
  private readonly mentionHinted = new Set<string>();
  /** Until when each rate-limited user has been told to wait, so a flood gets one notice, not one per message. */
  private readonly rateNotified = new Map<string, number>();

  constructor(private readonly options: FollowUpOptions) {}

  async handle(message: Message): Promise<void> {
    const log = this.options.log.child({ message: message.id, channel: message.channelId, user: message.author.id, kind: "message" });
    try {
      const addressed = this.addressed(message);
      if (!addressed || !message.inGuild()) return;
      // Held here: discord.js forgets a deleted thread, and the reply must still reach Discord to learn it is gone.
      const where: Where = { message, channel: message.channel };
      const text = questionText(message.content, message.client.user.id);
      if (text === "") {
        await this.hint(where, addressed, log);
        return;
      }
      const decision = this.options.askLimiter.take(message.author.id);
      if (!decision.allowed) {
        await this.rateLimited(where, decision.retryAfterMs, log);
        return;
      }
      await this.queue.run(message.channelId, () => this.answer(where, text, addressed, log));
    } catch (error) {
      // Only a bug gets here (answer() handles its own failures); it must not become an unhandled rejection.
      log.error({ err: error, ref: errorRef() }, "message handling failed");
    }
  }

  threadUpdated(thread: AnyThreadChannel): void {
    const { conversations, log } = this.options;
    if (thread.archived === true) {
      if (conversations.markClosed(thread.id, "archived")) log.info({ thread: thread.id }, "follow-up thread archived: conversation closed");
    } else if (conversations.get(thread.id)?.closed?.reason === "archived" && conversations.reopen(thread.id)) {
      log.info({ thread: thread.id }, "follow-up thread unarchived: conversation reopened");
    }
  }

  threadDeleted(threadId: string): void {
    if (this.options.conversations.markClosed(threadId, "deleted")) {
      this.options.log.info({ thread: threadId }, "follow-up thread deleted: conversation closed");
    }
  }

  /** A deleted channel takes its threads with it; Discord sends no THREAD_DELETE for them. */
  channelDeleted(channel: Channel): void {
    const closed = this.options.conversations.markClosedUnder(channel.id, "deleted");
    if (closed > 0) this.options.log.info({ channel: channel.id, conversations: closed }, "channel deleted: its follow-up conversations closed");
  }

  /** Whether the message is for sitrep at all: a person's message, in one of its threads or mentioning it. */
  private addressed(message: Message): Addressed | undefined {
    if (message.author.bot || message.webhookId !== null || message.system) return undefined;
    if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return undefined;
    const mentioned = message.mentions.users.has(message.client.user.id);
    const stored = message.channel.isThread() ? this.options.conversations.get(message.channelId) : undefined;
    const conversation = stored?.closed?.reason === "deleted" ? undefined : stored;
    if (!conversation && !mentioned) return undefined;
    return { conversation, mentioned };
  }

  private async hint(where: Where, addressed: Addressed, log: Logger): Promise<void> {
    const { message } = where;
    if (!addressed.mentioned && !this.options.mode.messageContent) {
      // Discord withheld the text (mention-only mode): the message may well say something. Say how to be heard, once.
      if (this.mentionHinted.has(message.channelId)) return;
      if (this.mentionHinted.size >= MEMORY_LIMIT) this.mentionHinted.clear();
      this.mentionHinted.add(message.channelId);
      await this.send(where, [textMessage(HINTS.mentionOnly(message.client.user.id))], addressed, log);
      return;
    }
    const hint = message.attachments.size > 0 ? HINTS.attachmentOnly : HINTS.empty;
    await this.send(where, [textMessage(hint)], addressed, log);
    log.info({ hint: message.attachments.size > 0 ? "attachment-only" : "empty" }, "message without a question");
  }

  private async rateLimited(where: Where, retryAfterMs: number, log: Logger): Promise<void> {
    const now = Date.now();
    const userId = where.message.author.id;
    const notify = (this.rateNotified.get(userId) ?? 0) <= now;
    if (notify) {
      if (this.rateNotified.size >= MEMORY_LIMIT) this.rateNotified.clear();
      this.rateNotified.set(userId, now + retryAfterMs);
      await this.send(where, [textMessage(rateLimitMessage(this.options.askLimiter.limit, retryAfterMs))], undefined, log);
    }
    log.info({ code: "RATE_LIMITED", notified: notify }, "user error");
  }

  private async answer(where: Where, text: string, addressed: Addressed, log: Logger): Promise<void> {
    const started = performance.now();
    const { engine, feedback, conversations } = this.options;
    const { message } = where;
    const { conversation } = addressed;
    const stopTyping = this.typing(where.channel, log);
    try {
      if (conversation?.closed) conversations.reopen(conversation.threadId);
      const history = conversation ? conversations.turns(conversation.threadId) : [];
      const answer = await engine.followUp(history, text);
      const answerId = feedback.saveAnswer(answer, { userId: message.author.id, guildId: message.guildId, channelId: message.channelId });
      if (!(await this.send(where, renderFollowUp(answer, answerId), addressed, log))) return;
      if (conversation) {
        conversations.addTurn(conversation.threadId, {
          question: answer.question,
          resolvedQuestion: answer.resolvedQuestion,
          answer: answer.answer,
          abstained: answer.abstained,
          citations: answer.citations,
          askedBy: message.author.id,
        });
      }
      log.info(
        { ms: Math.round(performance.now() - started), inThread: conversation !== undefined, turns: history.length, abstained: answer.abstained },
        "follow-up answered",
      );
    } catch (error) {
      if (isUserError(error)) {
        await this.send(where, [textMessage(error.message)], addressed, log);
        log.info({ code: error.code }, "user error");
      } else {
        const ref = errorRef();
        await this.send(where, [textMessage(internalErrorMessage(ref))], addressed, log);
        log.error({ err: error, ref }, "follow-up failed");
      }
    } finally {
      stopTyping();
    }
  }

  /** "sitrep is typing…" until the returned function is called; a failure to show it changes nothing else. */
  private typing(channel: GuildTextBasedChannel, log: Logger): () => void {
    const show = (): void => {
      channel.sendTyping().catch((error: unknown) => log.debug({ err: error }, "could not show the typing indicator"));
    };
    show();
    const timer = setInterval(show, TYPING_RENEW_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * Sends a reply (several messages when long), the first as a reply to the message. Returns false when it could not:
   * a thread that is gone closes its conversation and is not retried; anything else is logged.
   */
  private async send(where: Where, bodies: readonly BotMessage[], addressed: Addressed | undefined, log: Logger): Promise<boolean> {
    try {
      for (const [i, body] of bodies.entries()) {
        if (i === 0) {
          // Replying must not ping the person replied to: say so explicitly rather than rely on a default.
          await where.channel.send({
            ...body,
            allowedMentions: { ...NO_MENTIONS, repliedUser: false },
            reply: { messageReference: where.message.id, failIfNotExists: false },
          });
        } else {
          await where.channel.send(body);
        }
      }
      return true;
    } catch (error) {
      const code = error instanceof DiscordAPIError ? error.code : undefined;
      const reason = code !== undefined ? GONE.get(code) : undefined;
      if (reason === undefined) {
        log.error({ err: error, ref: errorRef() }, "could not send the reply");
        return false;
      }
      const threadId = addressed?.conversation?.threadId;
      if (threadId !== undefined) {
        // Often the THREAD_DELETE or THREAD_UPDATE event has closed it already.
        this.options.conversations.markClosed(threadId, reason);
        log.info({ thread: threadId, reason, code }, "cannot post in the follow-up thread any more: conversation closed");
      } else {
        log.warn({ reason, code }, "cannot post the reply here");
      }
      return false;
    }
  }
}
