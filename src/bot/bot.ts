import { Events, GatewayCloseCodes, type Client } from "discord.js";
import type { AnswerEngine } from "../answer/engine.js";
import { commands as allCommands } from "../commands/index.js";
import type { Command } from "../commands/command.js";
import { createClient } from "./client.js";
import { explainDiscordError } from "./discord-errors.js";
import type { FeedbackStore } from "./feedback-store.js";
import type { Logger } from "./logger.js";
import { RateLimiter, type RateLimit } from "./rate-limiter.js";
import { InteractionRouter } from "./router.js";

export interface BotOptions {
  readonly discord: { readonly token: string; readonly apiUrl: string };
  readonly engine: AnswerEngine;
  readonly feedback: FeedbackStore;
  readonly askLimit: RateLimit;
  readonly log: Logger;
  /** Defaults to every command in src/commands. */
  readonly commands?: readonly Command[];
  /** Discord ended the session for good (token reset, intents revoked): discord.js will not reconnect. */
  readonly onFatal?: (reason: string) => void;
}

export interface RunningBot {
  readonly client: Client<true>;
  stop(): Promise<void>;
}

/** Close codes after which discord.js gives up: the bot would sit connected to nothing. */
const FATAL_CLOSE_CODES = new Set<number>([
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

/** Logs the bot in and serves interactions until `stop`. Rejects with a UserError when Discord refuses the login. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { log } = options;
  const client = createClient(options.discord.apiUrl);
  const router = new InteractionRouter({
    commands: options.commands ?? allCommands,
    context: { engine: options.engine, feedback: options.feedback },
    askLimiter: new RateLimiter(options.askLimit),
    log,
  });
  // destroy() emits disconnect and reconnect events of its own; they are not worth a warning.
  let stopping = false;
  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  client.on(Events.Error, (error) => log.error({ err: error }, "discord.js error"));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (stopping || !FATAL_CLOSE_CODES.has(event.code)) return;
    log.fatal({ code: event.code, shardId }, "Discord closed the gateway for good");
    options.onFatal?.(`Discord closed the gateway with code ${event.code}`);
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!stopping) log.warn({ shardId }, "reconnecting to the gateway");
  });

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(options.discord.token);
  } catch (error) {
    await client.destroy();
    throw explainDiscordError(error, options.discord.apiUrl);
  }
  const readyClient = await ready;
  log.info({ bot: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, "logged in to Discord");
  return {
    client: readyClient,
    stop: () => {
      stopping = true;
      return client.destroy();
    },
  };
}
