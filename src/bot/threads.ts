import {
  ChannelType,
  DiscordAPIError,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  MessageFlags,
  type AnyThreadChannel,
  type Client,
  type Message,
  type TextBasedChannel,
  type PermissionsBitField,
} from "discord.js";
import type { Citation } from "../answer/types.js";
import { UserError } from "../errors.js";
import type { ConversationStore } from "./conversation-store.js";
import { LIMITS } from "./limits.js";
import type { Logger } from "./logger.js";
import { threadIntro } from "./render/thread-answer.js";
import { clip } from "./text.js";

/** `THREADS`: where follow-up threads are opened. */
export type ThreadPrivacy = "public" | "private";

/** Whether the gateway delivers the text of every message, or only of those that mention the bot. */
export interface BotMode {
  readonly messageContent: boolean;
}

/** The exchange a thread is opened on: the /ask answer as the feedback store holds it. */
export interface ThreadOrigin {
  readonly answerId: string;
  readonly question: string;
  readonly answer: string;
  readonly abstained: boolean;
  readonly citations: readonly Citation[];
  readonly askedBy: string;
}

export interface OpenedThread {
  readonly thread: AnyThreadChannel;
  readonly private: boolean;
}

const THREAD_NAME_FALLBACK = "Follow-up";

/** A thread name from the question: one line, no invisible characters, at most 100 characters (Discord's limit). */
export function threadName(question: string): string {
  const cleaned = question.replace(/[\p{Cc}\p{Cf}]+/gu, " ").replace(/\s+/g, " ").trim();
  return cleaned === "" ? THREAD_NAME_FALLBACK : clip(cleaned, LIMITS.threadName);
}

/**
 * Which kind of thread to open. A private thread cannot start on a message, needs a plain text channel (not an
 * announcement channel) and the Create Private Threads permission; without them a public one is opened instead.
 */
export function threadKind(
  wanted: ThreadPrivacy,
  where: { readonly channelType: ChannelType | undefined; readonly permissions: Readonly<PermissionsBitField> | null },
): { readonly private: boolean; readonly fallback?: string } {
  if (wanted === "public") return { private: false };
  if (where.channelType !== ChannelType.GuildText) return { private: false, fallback: "private threads exist only in text channels" };
  if (where.permissions?.has(PermissionFlagsBits.CreatePrivateThreads) !== true) {
    return { private: false, fallback: "sitrep lacks the Create Private Threads permission in this channel" };
  }
  return { private: true };
}

function discordCode(error: unknown): number | string | undefined {
  return error instanceof DiscordAPIError ? error.code : undefined;
}

/** What Discord answers when a thread cannot be opened, as something the user (or an admin) can act on. */
function explainThreadError(error: unknown, message: Message): unknown {
  switch (discordCode(error)) {
    case RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage:
      // A thread started on a message takes the message's id.
      return new UserError("THREAD_UNAVAILABLE", `This answer already has a thread: <#${message.id}>. Ask your follow-up there.`);
    case RESTJSONErrorCodes.MissingPermissions:
    case RESTJSONErrorCodes.MissingAccess:
      return new UserError(
        "NOT_ALLOWED",
        "sitrep may not open threads in this channel: an admin can give it Create Public Threads and Send Messages in Threads here.",
      );
    case RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType:
      return new UserError("THREAD_UNAVAILABLE", "Threads cannot be opened in this channel. Ask with /ask in a text channel.");
    case RESTJSONErrorCodes.MaximumActiveThreads:
      return new UserError("THREAD_UNAVAILABLE", "This server has as many active threads as Discord allows: close some, then try again.");
    default:
      return error;
  }
}

/**
 * Opens the follow-up thread of an /ask answer and records it as a conversation whose first turn is that exchange.
 * Discord work only: what a follow-up means is the engine's business, and the message handler answers in the thread.
 */
export class AnswerThreads {
  constructor(
    private readonly options: {
      readonly conversations: ConversationStore;
      readonly privacy: ThreadPrivacy;
      readonly mode: BotMode;
      readonly log: Logger;
    },
  ) {}

  /**
   * Throws the friendly reason when a thread cannot be opened for an answer that is private or posted in a thread;
   * checked before answering, so `/ask … thread:true` fails before any work.
   */
  checkCanOpen(where: { readonly ephemeral: boolean; readonly channel: TextBasedChannel | null }): void {
    if (where.ephemeral) {
      throw new UserError("THREAD_UNAVAILABLE", "A private answer cannot have a thread: ask again without private:true to follow up in a thread.");
    }
    if (where.channel?.isThread() === true) {
      throw new UserError("THREAD_UNAVAILABLE", "This is a thread already, and threads cannot be opened inside one: ask here, or use /ask in the channel.");
    }
    if (where.channel === null || where.channel.isDMBased()) {
      throw new UserError("THREAD_UNAVAILABLE", "Follow-up threads can be opened only on answers in a server's text channel.");
    }
  }

  /**
   * The thread already opened on this answer, if it still exists. A thread deleted while the bot was away is found
   * out here (Discord says it is unknown) and its conversation closed, so a new one can be opened.
   */
  async existing(answerId: string, client: Client): Promise<string | undefined> {
    const { conversations, log } = this.options;
    const conversation = conversations.forAnswer(answerId);
    if (!conversation || conversation.closed?.reason === "deleted") return undefined;
    try {
      await client.channels.fetch(conversation.threadId);
      return conversation.threadId;
    } catch (error) {
      if (discordCode(error) !== RESTJSONErrorCodes.UnknownChannel) throw error;
      if (conversations.markClosed(conversation.threadId, "deleted")) log.info({ thread: conversation.threadId }, "follow-up thread deleted: conversation closed");
      return undefined;
    }
  }

  /**
   * Opens a thread for the answer on `message` (the answer itself), on behalf of `userId`. `permissions` are the bot's
   * in that channel, as the interaction reports them.
   */
  async open(message: Message, origin: ThreadOrigin, userId: string, permissions: Readonly<PermissionsBitField> | null): Promise<OpenedThread> {
    const { conversations, privacy, mode, log } = this.options;
    const channel = message.channel;
    this.checkCanOpen({ ephemeral: message.flags.has(MessageFlags.Ephemeral), channel });
    if (!message.inGuild() || (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)) {
      throw new UserError("THREAD_UNAVAILABLE", "Follow-up threads can be opened only on answers in a server's text channel.");
    }
    const kind = threadKind(privacy, { channelType: channel.type, permissions });
    if (kind.fallback !== undefined) {
      log.warn({ channel: channel.id, reason: kind.fallback }, "THREADS=private, but a private thread is not possible here: opening a public one");
    }
    const name = threadName(origin.question);
    let thread: AnyThreadChannel;
    try {
      if (kind.private && channel.type === ChannelType.GuildText) {
        // A private thread cannot hang off a message: it is opened in the channel, and the person who asked for it added.
        thread = await channel.threads.create({ name, type: ChannelType.PrivateThread, invitable: true });
        await thread.members.add(userId);
      } else {
        // Through the channel rather than message.startThread, which refuses on a stale "has a thread" flag (the
        // thread may have been deleted since); Discord itself answers 160004 when a thread really exists.
        thread = await channel.threads.create({ name, startMessage: message });
      }
    } catch (error) {
      throw explainThreadError(error, message);
    }
    conversations.open(
      { threadId: thread.id, guildId: message.guildId, parentId: channel.id, answerId: origin.answerId, openedBy: userId },
      {
        question: origin.question,
        resolvedQuestion: origin.question,
        answer: origin.answer,
        abstained: origin.abstained,
        citations: origin.citations,
        askedBy: origin.askedBy,
      },
    );
    log.info({ thread: thread.id, private: kind.private, answerId: origin.answerId }, "follow-up thread opened");
    try {
      await thread.send(threadIntro(origin.question, { mentionOnly: !mode.messageContent, botId: message.client.user.id, answerUrl: kind.private ? message.url : undefined }));
    } catch (error) {
      // The thread works without its introduction; the first follow-up will say whether sitrep can post there.
      log.warn({ err: error, thread: thread.id }, "could not post the introduction in the follow-up thread");
    }
    return { thread, private: kind.private };
  }
}
