// One load run: the real bot (discord.js client, router, /ask, SQLite; bench/load-bot.ts) in its own process, logged in
// to the local Discord stand-in running here, fed a burst of /ask interactions at once and then a steady rate, each
// from its own user so the per-user ask limit (5 per 30 s) measures nothing here. Shared by `npm run bench:load`
// (bench/load.ts) and tests/hardening/load.test.ts.
//
// The bot runs apart from the stand-in because, in one process, the stand-in's HTTP server picked up the bot's
// acknowledgements up to 2 s late under a burst: the measurement measured itself.

import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deployCommands } from "../src/bot/deploy.js";
import { startDiscordStandin, type InteractionTimings } from "../tests/support/discord-standin/index.js";
import type { LoadBotReport } from "./load-bot.js";
import { percentiles, type Percentiles } from "./stats.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BUNDLED_CORPUS = path.join(ROOT, "corpus");
/** Discord's own limit: an interaction not acknowledged within 3 s fails for the user ("The application did not respond"). */
export const ACK_DEADLINE_MS = 3000;

export interface LoadPlan {
  /** Interactions dispatched at once, before the steady phase. */
  readonly burst: number;
  /** Interactions per second in the steady phase. */
  readonly rate: number;
  /** Length of the steady phase. */
  readonly seconds: number;
  /** How long to wait for the last answers once everything is dispatched. */
  readonly settleMs?: number;
}

export interface LoadResult {
  readonly sent: number;
  readonly ack: Percentiles;
  readonly answer: Percentiles;
  /** Acknowledged later than Discord's 3 s. */
  readonly lateAcks: number;
  readonly unanswered: number;
  /** More than one callback attempted or more than one edit of the reply. */
  readonly answeredTwice: number;
  /** Replies that were not an answer (a rate-limit or error message instead). */
  readonly notAnAnswer: number;
  /** Worst and p99 event-loop delay over the whole run, in ms. */
  readonly loopDelayMaxMs: number;
  readonly loopDelayP99Ms: number;
  /** Error-level log lines the bot wrote. */
  readonly errors: readonly string[];
  readonly seconds: number;
}

/** The evaluation questions, so the load asks varied, realistic things rather than one cached question. */
export function evalQuestions(): string[] {
  return readFileSync(path.join(ROOT, "tests", "fixtures", "eval", "seed-questions.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { q: string }).q);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface BotProcess {
  /** Resolves once the bot serves, or rejects with what it printed when it exits first. */
  readonly ready: Promise<void>;
  /** Asks it to stop gracefully; resolves with its event-loop figures. */
  stop(): Promise<LoadBotReport>;
  readonly errors: string[];
  /** Waits up to `ms` for the process to exit on its own (a CPU profile is written then), then kills it. */
  end(ms: number): Promise<void>;
}

function startBotProcess(env: NodeJS.ProcessEnv, profileDir: string | undefined): BotProcess {
  const child = fork(path.join(ROOT, "bench", "load-bot.ts"), [], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: "warn", ...env },
    execArgv: ["--import", "tsx", ...(profileDir !== undefined ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [])],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const errors: string[] = [];
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    const lines = output.split("\n");
    output = lines.pop() ?? "";
    for (const line of lines) if (!line.startsWith("{") || (JSON.parse(line) as { level: number }).level >= 50) errors.push(line);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const exited = exit.then((code) => Promise.reject(new Error(`the bot process exited (${code}): ${errors.join("\n")}`)));
  exited.catch(() => undefined);
  const next = () => new Promise<unknown>((resolve) => child.once("message", resolve));
  return {
    errors,
    ready: Promise.race([next().then(() => undefined), exited]),
    async stop() {
      const report = next() as Promise<LoadBotReport>;
      child.send("stop");
      return Promise.race([report, exited]);
    },
    async end(ms) {
      await Promise.race([exit, sleep(ms)]);
      child.kill("SIGKILL");
    },
  };
}

export interface LoadOptions {
  readonly corpusDir?: string;
  /** An index already built for `corpusDir`: the bot starts at once instead of building one. */
  readonly indexDir?: string;
  readonly onProgress?: (line: string) => void;
  /** CPU-profile the bot process into this directory (summarise with bench/profile-summary.ts). */
  readonly profileDir?: string;
}

export async function runLoad(plan: LoadPlan, options: LoadOptions = {}): Promise<LoadResult> {
  const onProgress = options.onProgress ?? (() => undefined);
  const total = plan.burst + plan.rate * plan.seconds;
  const standin = await startDiscordStandin({ interactionAckDeadlineMs: ACK_DEADLINE_MS, defaultTimeoutMs: 30_000 });
  const work = await mkdtemp(path.join(tmpdir(), "sitrep-load-"));
  const discord = { token: standin.token, apiUrl: standin.apiUrl };
  const users = Array.from({ length: total }, (_, i) => standin.addMember({ username: `load-user-${i}` }).id);
  const questions = evalQuestions();
  await deployCommands({ discord, guildId: standin.ids.guildId });
  const bot = startBotProcess({
    DISCORD_TOKEN: standin.token,
    DISCORD_API_URL: standin.apiUrl,
    CORPUS_DIR: options.corpusDir ?? BUNDLED_CORPUS,
    INDEX_DIR: options.indexDir ?? path.join(work, "index"),
    DATA_DIR: path.join(work, "data"),
  }, options.profileDir);

  const ids: string[] = [];
  const send = () => {
    const i = ids.length;
    ids.push(standin.sendSlashCommand({ name: "ask", options: { question: questions[i % questions.length]! }, userId: users[i]! }));
  };
  let report: LoadBotReport;
  const started = performance.now();
  try {
    await bot.ready;
    onProgress("bot ready");
    for (let i = 0; i < plan.burst; i++) send();
    onProgress(`burst: ${plan.burst} dispatched`);
    // Each send is scheduled against the start of the phase, so a slow tick does not lower the rate.
    const steadyStart = performance.now();
    for (let i = 0; i < plan.rate * plan.seconds; i++) {
      await sleep(Math.max(0, steadyStart + ((i + 1) * 1000) / plan.rate - performance.now()));
      send();
      if ((i + 1) % (plan.rate * 10) === 0) onProgress(`steady: ${i + 1}/${plan.rate * plan.seconds} dispatched`);
    }
    const answered = (id: string) => standin.interactionTimings(id)?.answeredAt !== undefined;
    await standin
      .waitFor("every interaction answered", () => ids.every(answered), { timeoutMs: plan.settleMs ?? 30_000 })
      .catch(() => undefined);
    report = await bot.stop();
  } finally {
    await bot.end(5000);
    await standin.close();
    await rm(work, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const timings = ids.map((id) => standin.interactionTimings(id)).filter((t): t is InteractionTimings => t !== undefined);
  const acks = timings.flatMap((t) => (t.ackedAt !== undefined ? [t.ackedAt - t.createdAt] : []));
  const answers = timings.flatMap((t) => (t.answeredAt !== undefined ? [t.answeredAt - t.createdAt] : []));
  const notAnAnswer = ids.filter((id) => {
    const response = standin.interactionResponse(id);
    return response !== undefined && !(response.message?.embeds.length ?? 0);
  }).length;
  return {
    sent: ids.length,
    ack: percentiles(acks),
    answer: percentiles(answers),
    lateAcks: timings.filter((t) => t.ackedAt === undefined || t.ackedAt - t.createdAt > ACK_DEADLINE_MS).length + (ids.length - timings.length),
    unanswered: ids.length - answers.length,
    answeredTwice: timings.filter((t) => t.callbackAttempts > 1 || t.edits > 1).length,
    notAnAnswer,
    ...report,
    errors: bot.errors,
    seconds,
  };
}
