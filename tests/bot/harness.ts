/**
 * End-to-end harness: the real bot (real discord.js Client, real router and commands, a real engine over the bundled
 * corpus, SQLite in a temp dir) logged in to the Discord stand-in. Only the stand-in's side is under the test's control.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { APIEmbed, APIMessage } from "discord.js";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open.js";
import { startBot, type RunningBot } from "../../src/bot/bot.js";
import { Briefings } from "../../src/bot/briefings.js";
import { ConversationStore } from "../../src/bot/conversation-store.js";
import { deployCommands } from "../../src/bot/deploy.js";
import { FeedbackStore } from "../../src/bot/feedback-store.js";
import { createLogger } from "../../src/bot/logger.js";
import type { RateLimit } from "../../src/bot/rate-limiter.js";
import type { ThreadPrivacy } from "../../src/bot/threads.js";
import type { Command, Curation } from "../../src/commands/command.js";
import { commands as allCommands } from "../../src/commands/index.js";
import { startDiscordStandin, type InteractionResponse, type Standin, type StandinOptions } from "../support/discord-standin/index.js";

export const CORPUS_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
export const SEED_ID = "north-korean-troops-in-russias-war";
export const SEED_TITLE = "North Korean Troops in Russias War";

/** One engine per test file: opening it (index build included) is the slow part, and it is read-only. */
export async function openSharedEngine(): Promise<{ engine: AnswerEngine; close: () => Promise<void> }> {
  const indexDir = await mkdtemp(path.join(tmpdir(), "sitrep-bot-index-"));
  const { engine } = await openEngine({ corpusDir: CORPUS_DIR, indexDir });
  return { engine, close: () => rm(indexDir, { recursive: true, force: true }) };
}

/**
 * The lifecycle every end-to-end file repeats: one engine for the file, a fresh stand-in and bot per test, all closed
 * afterwards. Call it at the top of a file; `start` opens a harness that the hooks close.
 */
export function useBotHarness(): { start(options?: HarnessOptions, engine?: AnswerEngine): Promise<Harness>; engine(): AnswerEngine } {
  let shared: Awaited<ReturnType<typeof openSharedEngine>> | undefined;
  let current: Harness | undefined;
  beforeAll(async () => {
    shared = await openSharedEngine();
  });
  afterAll(async () => {
    await shared?.close();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const engine = (): AnswerEngine => {
    if (!shared) throw new Error("useBotHarness: the engine opens in beforeAll");
    return shared.engine;
  };
  return {
    engine,
    start: async (options = {}, override) => (current = await startHarness(override ?? engine(), options)),
  };
}

export interface HarnessOptions {
  readonly commands?: readonly Command[];
  readonly askLimit?: RateLimit;
  readonly standin?: StandinOptions;
  readonly onFatal?: (reason: string) => void;
  /** `THREADS`; default public. */
  readonly threads?: ThreadPrivacy;
  readonly maxTurns?: number;
  /** The daily briefs' clock (default: real time), so a test moves time instead of waiting. */
  readonly now?: () => Date;
  /** `/corpus`: without it the command says curation is not enabled. */
  readonly curation?: Curation;
  /** How long `bot.stop()` waits for answers in progress. */
  readonly drainTimeoutMs?: number;
}

export interface Harness {
  readonly standin: Standin;
  /** The running bot; `restart` replaces it (and the stores) with fresh ones. */
  readonly bot: RunningBot;
  readonly feedback: FeedbackStore;
  readonly conversations: ConversationStore;
  /** Daily briefs; `briefings.tick()` runs the scheduler at the test clock's time. */
  readonly briefings: Briefings;
  readonly dataDir: string;
  /** Every log line the bot wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  /** The raw log output, to check nothing secret was written. */
  readonly rawLogs: string[];
  /** Dispatches a slash command and waits until the user sees a response. */
  command(name: string, options?: Record<string, string | number | boolean>, userId?: string): Promise<InteractionResponse>;
  /** Presses a button on a bot message and waits until the user sees a response. */
  press(message: APIMessage, customId: string, userId?: string): Promise<InteractionResponse>;
  /** Stops the bot and starts a new one (new discord.js Client, stores reopened from the same DATA_DIR). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(engine: AnswerEngine, options: HarnessOptions = {}): Promise<Harness> {
  const standin = await startDiscordStandin({ interactionAckDeadlineMs: 3000, ...options.standin });
  const dataDir = await mkdtemp(path.join(tmpdir(), "sitrep-bot-data-"));
  const rawLogs: string[] = [];
  const log = createLogger({ level: "debug", secrets: [standin.token], write: (line) => rawLogs.push(line) });
  const discord = { token: standin.token, apiUrl: standin.apiUrl };
  const commands = options.commands ?? allCommands;
  let feedback = FeedbackStore.open(dataDir);
  let conversations = ConversationStore.open(dataDir, options.maxTurns !== undefined ? { maxTurns: options.maxTurns } : {});
  const openBriefings = () => Briefings.open(dataDir, { engine, log, ...(options.now ? { now: options.now } : {}) });
  let briefings = openBriefings();
  const launch = () =>
    startBot({
      discord,
      engine,
      feedback,
      conversations,
      briefings,
      log,
      commands,
      askLimit: options.askLimit ?? { max: 5, windowMs: 30_000 },
      ...(options.threads ? { threads: options.threads } : {}),
      ...(options.onFatal ? { onFatal: options.onFatal } : {}),
      ...(options.curation ? { curation: options.curation } : {}),
      ...(options.drainTimeoutMs !== undefined ? { drainTimeoutMs: options.drainTimeoutMs } : {}),
    });
  let bot: RunningBot;
  try {
    await deployCommands({ discord, guildId: standin.ids.guildId, commands });
    bot = await launch();
  } catch (error) {
    briefings.close();
    conversations.close();
    feedback.close();
    await standin.close();
    throw error;
  }
  return {
    standin,
    dataDir,
    rawLogs,
    get bot() {
      return bot;
    },
    get feedback() {
      return feedback;
    },
    get conversations() {
      return conversations;
    },
    get briefings() {
      return briefings;
    },
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    async command(name, commandOptions = {}, userId) {
      const id = standin.sendSlashCommand({ name, options: commandOptions, ...(userId !== undefined ? { userId } : {}) });
      return standin.waitForInteractionResponse(id);
    },
    async press(message, customId, userId) {
      const id = standin.sendButton({ customId, messageId: message.id, ...(userId !== undefined ? { userId } : {}) });
      return standin.waitForInteractionResponse(id);
    },
    async restart() {
      await bot.stop();
      briefings.close();
      conversations.close();
      feedback.close();
      briefings = openBriefings();
      feedback = FeedbackStore.open(dataDir);
      conversations = ConversationStore.open(dataDir, options.maxTurns !== undefined ? { maxTurns: options.maxTurns } : {});
      bot = await launch();
    },
    async close() {
      await bot.stop();
      briefings.close();
      conversations.close();
      feedback.close();
      await standin.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The first embed the user sees in a response (the stored message, after any edits). */
export function embedOf(response: InteractionResponse): APIEmbed {
  const embed = response.message?.embeds[0];
  if (!embed) throw new Error(`response has no embed: ${JSON.stringify(response.data).slice(0, 300)}`);
  return embed;
}

/** Every custom id on the buttons of a message. */
export function customIds(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) =>
    "components" in row ? row.components.flatMap((c) => ("custom_id" in c && typeof c.custom_id === "string" ? [c.custom_id] : [])) : [],
  );
}

export function buttonId(message: APIMessage | undefined, prefix: string): string {
  const id = customIds(message).find((c) => c.startsWith(prefix));
  if (id === undefined) throw new Error(`no button starting with ${prefix} among ${customIds(message).join(", ")}`);
  return id;
}

/**
 * Every message body the bot sent (replies, edits, follow-ups, updates) carried `allowed_mentions: { parse: [] }`;
 * replies to a message may add `replied_user: false`, which pings no one either.
 */
export function expectMentionsMutedEverywhere(standin: Standin): void {
  const bodies = standin.requests.flatMap((r) => {
    const body = r.body as Record<string, unknown> | undefined;
    if (!body) return [];
    if (r.route === "/interactions/:interactionId/:token/callback") {
      const data = body.data as Record<string, unknown> | undefined;
      return body.type === 4 || body.type === 7 ? [{ path: r.path, data }] : [];
    }
    if (r.route?.startsWith("/webhooks/") && (r.method === "PATCH" || r.method === "POST")) return [{ path: r.path, data: body }];
    if (r.route === "/channels/:channelId/messages") return [{ path: r.path, data: body }];
    return [];
  });
  expect(bodies.length).toBeGreaterThan(0);
  for (const { path: where, data } of bodies) {
    const allowed = data?.allowed_mentions as Record<string, unknown> | undefined;
    expect(allowed, where).toEqual(allowed && "replied_user" in allowed ? { parse: [], replied_user: false } : { parse: [] });
  }
}

export function embedText(embed: APIEmbed): string {
  return [embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text].join("\n");
}
