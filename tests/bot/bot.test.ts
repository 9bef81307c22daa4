import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { startBot } from "../../src/bot/bot.js";
import { ConversationStore } from "../../src/bot/conversation-store.js";
import { FeedbackStore } from "../../src/bot/feedback-store.js";
import { createLogger } from "../../src/bot/logger.js";
import { runCli } from "../../src/cli/run.js";
import { isUserError } from "../../src/errors.js";
import { startDiscordStandin, type Standin } from "../support/discord-standin/index.js";
import { recordingIo } from "./cli-io.js";
import { CORPUS_DIR, embedOf, openSharedEngine, startHarness, type Harness } from "./harness.js";

let shared: Awaited<ReturnType<typeof openSharedEngine>>;
let engine: AnswerEngine;
let standin: Standin | undefined;
let harness: Harness | undefined;
let dataDir: string;

beforeAll(async () => {
  shared = await openSharedEngine();
  engine = shared.engine;
  dataDir = await mkdtemp(path.join(tmpdir(), "sitrep-bot-test-"));
});

afterAll(async () => {
  await shared.close();
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await standin?.close();
  standin = undefined;
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("starting the bot", () => {
  it("GIVEN a wrong token WHEN the bot logs in THEN it fails with 'Discord rejected the token' before opening a gateway connection", async () => {
    standin = await startDiscordStandin();
    const feedback = FeedbackStore.open(dataDir);
    const conversations = ConversationStore.open(dataDir);
    const lines: string[] = [];

    const error: unknown = await startBot({
      discord: { token: "wrong-token-123", apiUrl: standin.apiUrl },
      engine,
      feedback,
      conversations,
      askLimit: { max: 5, windowMs: 30_000 },
      log: createLogger({ level: "debug", write: (line) => lines.push(line) }),
    }).catch((e: unknown) => e);
    conversations.close();
    feedback.close();

    expect(isUserError(error) && error.code).toBe("TOKEN_REJECTED");
    expect((error as Error).message).toMatch(/^Discord rejected the token: copy a fresh token/);
    expect(standin.gateway.connections).toHaveLength(0);
    expect(lines.join("\n")).not.toContain("wrong-token-123");
  });

  it("GIVEN a wrong token WHEN `sitrep bot` runs THEN it prints one clear line, no stack, and exits 2 without building the index", async () => {
    standin = await startDiscordStandin();
    const indexDir = path.join(dataDir, "never-built");
    const io = recordingIo({ DISCORD_TOKEN: "wrong-token-123", DISCORD_API_URL: standin.apiUrl, CORPUS_DIR, INDEX_DIR: indexDir, DATA_DIR: dataDir });

    const code = await runCli(["bot"], io);

    expect(code).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^sitrep: Discord rejected the token: copy a fresh token from https:\/\/discord\.com\/developers\/applications → your application → Bot → Reset Token into DISCORD_TOKEN\.$/);
    expect([...io.stdout, ...io.stderr].join("\n")).not.toContain("wrong-token-123");
    expect(standin.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /applications/@me 401"]);
  });

  it("GIVEN several configuration mistakes WHEN `sitrep bot` runs THEN one message lists every problem with its fix, exit 2, no stack", async () => {
    const io = recordingIo({
      DISCORD_API_URL: "discord.example",
      LOG_LEVEL: "loud",
      ASK_RATE_LIMIT: "0",
      CORPUS_DIR: path.join(dataDir, "no-such-corpus"),
    });

    const code = await runCli(["bot"], io);

    expect(code).toBe(2);
    expect(io.stderr).toHaveLength(1);
    const message = io.stderr[0]!;
    expect(message).toMatch(/^sitrep: the configuration has 5 problems \(set these in \.env or the environment; \.env\.example lists every setting\):\n/);
    expect(message).toContain("  - DISCORD_TOKEN is missing: copy it from https://discord.com/developers/applications");
    expect(message).toContain('  - DISCORD_API_URL="discord.example" is not an http(s) URL');
    expect(message).toContain('  - LOG_LEVEL="loud" must be one of fatal, error, warn, info, debug, trace, silent');
    expect(message).toContain('  - ASK_RATE_LIMIT="0" must be at least 1');
    expect(message).toContain("  - CORPUS_DIR: the corpus directory");
    expect(message).not.toMatch(/\n\s+at /);
  });

  it("GIVEN nothing listens at DISCORD_API_URL WHEN `sitrep bot` runs THEN it says Discord could not be reached there", async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api`;
    const io = recordingIo({ DISCORD_TOKEN: "some-token-1234", DISCORD_API_URL: apiUrl, CORPUS_DIR, DATA_DIR: dataDir });

    const code = await runCli(["bot"], io);

    expect(code).toBe(2);
    expect(io.stderr[0]).toMatch(new RegExp(`^sitrep: could not reach Discord at ${apiUrl.replace(/[.]/g, "\\.")} \\(ECONNREFUSED\\)`));
  });

  it("GIVEN a running bot WHEN Discord closes the gateway with 4004 (token reset) THEN the bot reports it as fatal instead of sitting deaf", async () => {
    const fatal: string[] = [];
    const h = (harness = await startHarness(engine, { onFatal: (reason) => fatal.push(reason) }));
    expect(embedOf(await h.command("help")).title).toMatch(/^sitrep/);

    h.standin.closeGateway(4004);
    await h.standin.waitFor("onFatal", () => fatal.length > 0);

    expect(fatal).toEqual(["Discord closed the gateway with code 4004"]);
    expect(h.logs.find((line) => line.level === 60)).toMatchObject({ code: 4004, msg: "Discord closed the gateway for good" });
  });

  it("GIVEN a running bot WHEN the gateway drops with a resumable code THEN it resumes and keeps answering", async () => {
    const fatal: string[] = [];
    const h = (harness = await startHarness(engine, { onFatal: (reason) => fatal.push(reason) }));

    h.standin.closeGateway(4000);
    await h.standin.waitFor("a RESUME", () => h.standin.gateway.resumes.length > 0);

    expect(embedOf(await h.command("help")).title).toMatch(/^sitrep/);
    expect(fatal).toEqual([]);
  });
});
