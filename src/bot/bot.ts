import { Events, GatewayCloseCodes, type Client, type Interaction } from "discord.js";
import type { AnswerEngine } from "../answer/engine.js";
import { commands as allCommands } from "../commands/index.js";
import type { Command, Curation } from "../commands/command.js";
import { createClient } from "./client.js";
import type { ConversationStore } from "./conversation-store.js";
import { explainDiscordError } from "./discord-errors.js";
import type { FeedbackStore } from "./feedback-store.js";
import type { Briefings } from "./briefings.js";
import { FollowUpHandler } from "./follow-ups.js";
import type { Logger } from "./logger.js";
import { RateLimiter, type RateLimit } from "./rate-limiter.js";
import { InteractionRouter } from "./router.js";
import { ephemeral, textMessage } from "./render/message.js";
import { InFlight } from "./shutdown.js";
import { takingTurns, Turns } from "./turns.js";
import { AnswerThreads, type ThreadPrivacy } from "./threads.js";

export interface BotOptions {
  readonly discord: { readonly token: string; readonly apiUrl: string };
  readonly engine: AnswerEngine;
  readonly feedback: FeedbackStore;
  /** Follow-up threads and the last turns of each. */
  readonly conversations: ConversationStore;
  readonly askLimit: RateLimit;
  readonly log: Logger;
  /** `THREADS`: public (default) or private follow-up threads. */
  readonly threads?: ThreadPrivacy;
  /** Defaults to every command in src/commands. */
  readonly commands?: readonly Command[];
  /** Discord ended the session for good (token reset, intents revoked): discord.js will not reconnect. */
  readonly onFatal?: (reason: string) => void;
  /** Daily briefs: `/briefing`, and the scheduler, started once the client is ready (which catches up a missed one). */
  readonly briefings?: Briefings;
  /** `/corpus`: adding and removing articles while the bot serves. */
  readonly curation?: Curation;
  /** How long `stop` waits for answers in progress before logging out anyway (default 3 s: all of it fits in 5 s). */
  readonly drainTimeoutMs?: number;
}

export interface RunningBot {
  readonly client: Client<true>;
  /** False in mention-only mode: Discord refused the Message Content intent. */
  readonly messageContent: boolean;
  /** Takes no new work, waits (bounded) for the answers in progress, then logs out. */
  stop(): Promise<void>;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 3000;

export const RESTARTING = "sitrep is restarting and cannot take new questions right now; ask again in a minute.";

/** Close codes after which discord.js gives up: the bot would sit connected to nothing. */
const FATAL_CLOSE_CODES = new Set<number>([
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

/** What discord.js rejects `login` with when the gateway closes with 4014 at IDENTIFY. */
function isDisallowedIntents(error: unknown): boolean {
  return error instanceof Error && error.message === "Used disallowed intents";
}

export const MESSAGE_CONTENT_REFUSED =
  "Discord refused the Message Content intent, so sitrep runs in mention-only mode: it answers only messages that mention it. " +
  "To read every follow-up in its threads, turn on Bot → Privileged Gateway Intents → Message Content Intent at " +
  "https://discord.com/developers/applications and restart the bot.";

/**
 * Logs the bot in and serves interactions and messages until `stop`. It asks for the Message Content intent; when
 * Discord refuses it (close 4014) it says so once and logs in again without it (mention-only mode) rather than
 * failing. Rejects with a UserError when Discord refuses the login itself.
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { log } = options;
  const mode = { messageContent: true };
  const askLimiter = new RateLimiter(options.askLimit);
  const turns = new Turns();
  const engine = takingTurns(options.engine, turns);
  const threads = new AnswerThreads({ conversations: options.conversations, privacy: options.threads ?? "public", mode, log });
  const router = new InteractionRouter({
    commands: options.commands ?? allCommands,
    context: {
      engine,
      feedback: options.feedback,
      threads,
      ...(options.briefings ? { briefings: options.briefings } : {}),
      ...(options.curation ? { curation: options.curation } : {}),
    },
    askLimiter,
    log,
  });
  const followUps = new FollowUpHandler({
    engine,
    feedback: options.feedback,
    conversations: options.conversations,
    askLimiter,
    mode,
    log,
  });
  // destroy() emits disconnect and reconnect events of its own; they are not worth a warning.
  let stopping = false;
  const inFlight = new InFlight();
  const turnAway = async (interaction: Interaction): Promise<void> => {
    try {
      if (interaction.isAutocomplete()) await interaction.respond([]);
      else if (interaction.isRepliable()) await interaction.reply(ephemeral(textMessage(RESTARTING)));
    } catch (error) {
      log.warn({ err: error }, "could not tell a user that the bot is restarting");
    }
  };

  const connect = async (): Promise<Client<true>> => {
    const client = createClient(options.discord.apiUrl, { messageContent: mode.messageContent });
    // Before READY a fatal close makes login() reject, which is handled there (4014 included): only a session that
    // was serving is reported as lost.
    let serving = false;
    client.on(Events.InteractionCreate, (interaction) =>
      void inFlight.track(turns.admit(() => (stopping ? turnAway(interaction) : router.handle(interaction)))),
    );
    client.on(Events.MessageCreate, (message) => {
      if (!stopping) void inFlight.track(followUps.handle(message));
    });
    client.on(Events.ThreadUpdate, (_old, thread) => followUps.threadUpdated(thread));
    client.on(Events.ThreadDelete, (thread) => followUps.threadDeleted(thread.id));
    client.on(Events.ChannelDelete, (channel) => followUps.channelDeleted(channel));
    client.on(Events.Error, (error) => log.error({ err: error }, "discord.js error"));
    client.on(Events.Warn, (message) => log.warn(message));
    client.on(Events.ShardDisconnect, (event, shardId) => {
      if (stopping || !serving || !FATAL_CLOSE_CODES.has(event.code)) return;
      log.fatal({ code: event.code, shardId }, "Discord closed the gateway for good");
      options.onFatal?.(`Discord closed the gateway with code ${event.code}`);
    });
    client.on(Events.ShardReconnecting, (shardId) => {
      if (!stopping) log.warn({ shardId }, "reconnecting to the gateway");
    });
    const ready = new Promise<Client<true>>((resolve) =>
      client.once(Events.ClientReady, (readyClient) => {
        serving = true;
        resolve(readyClient);
      }),
    );
    try {
      await client.login(options.discord.token);
    } catch (error) {
      await client.destroy();
      throw error;
    }
    return ready;
  };

  let readyClient: Client<true>;
  try {
    try {
      readyClient = await connect();
    } catch (error) {
      if (!isDisallowedIntents(error)) throw error;
      log.warn(MESSAGE_CONTENT_REFUSED);
      mode.messageContent = false;
      readyClient = await connect();
    }
  } catch (error) {
    throw explainDiscordError(error, options.discord.apiUrl);
  }
  log.info(
    { bot: readyClient.user.tag, guilds: readyClient.guilds.cache.size, messages: mode.messageContent ? "all" : "mentions only" },
    "logged in to Discord",
  );
  options.briefings?.start(readyClient);
  const stop = async (): Promise<void> => {
    stopping = true;
    await options.briefings?.stop();
    const { unfinished } = await inFlight.drain(options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
    if (unfinished > 0) log.warn({ unfinished }, "stopping with answers still in progress: those users get no answer");
    await readyClient.destroy();
  };
  // A signal and a fatal close can both ask for a stop; the second waits for the first instead of starting over.
  let stopped: Promise<void> | undefined;
  return {
    client: readyClient,
    messageContent: mode.messageContent,
    stop: () => (stopped ??= stop()),
  };
}
