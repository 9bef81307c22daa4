// The bot side of the load benchmark, in its own process as in production: the real engine, SQLite stores and
// startBot, configured from the environment like `sitrep bot`. Its parent (bench/load-run.ts) runs the Discord
// stand-in and the load; this process measures only its own event loop, from "ready" to "stop".
//
// IPC: sends { ready: true } once serving, waits for "stop", then sends { loopDelayMaxMs, loopDelayP99Ms } and exits.

import { monitorEventLoopDelay } from "node:perf_hooks";
import { openEngine } from "../src/answer/open.js";
import { startBot } from "../src/bot/bot.js";
import { ConversationStore } from "../src/bot/conversation-store.js";
import { FeedbackStore } from "../src/bot/feedback-store.js";
import { createLogger } from "../src/bot/logger.js";
import { readBotConfig } from "../src/config/env.js";

export interface LoadBotReport {
  readonly loopDelayMaxMs: number;
  readonly loopDelayP99Ms: number;
}

const send = (message: unknown) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));

const config = readBotConfig(process.env);
const log = createLogger({ level: config.logLevel, secrets: [config.discord.token] });
const { engine } = await openEngine({ corpusDir: config.corpusDir, indexDir: config.indexDir });
const feedback = FeedbackStore.open(config.dataDir);
const conversations = ConversationStore.open(config.dataDir);
const bot = await startBot({ discord: config.discord, engine, feedback, conversations, askLimit: config.askLimit, log });
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const stopped = new Promise<void>((resolve) => process.once("message", () => resolve()));
await send({ ready: true });
await stopped;
loop.disable();
await bot.stop();
conversations.close();
feedback.close();
await send({ loopDelayMaxMs: loop.max / 1e6, loopDelayP99Ms: loop.percentile(99) / 1e6 } satisfies LoadBotReport);
process.disconnect();
