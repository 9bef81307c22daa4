import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { deployCommands } from "../../src/bot/deploy.js";
import { DATABASE_FILE } from "../../src/bot/feedback-store.js";
import { startDiscordStandin, type Standin } from "../support/discord-standin/index.js";
import { CORPUS_DIR } from "./harness.js";

const BIN = fileURLToPath(new URL("../../bin/sitrep.mjs", import.meta.url));

let standin: Standin | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
  await standin?.close();
  standin = undefined;
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("`sitrep bot` as a process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "GIVEN the bot serving commands WHEN it receives %s THEN it logs out, closes SQLite cleanly and exits 0",
    async (signal) => {
      const s = (standin = await startDiscordStandin());
      const work = (dir = await mkdtemp(path.join(tmpdir(), "sitrep-process-")));
      await deployCommands({ discord: { token: s.token, apiUrl: s.apiUrl }, guildId: s.ids.guildId });
      // cwd is a fresh directory so that a developer's own .env cannot leak into the test.
      const bot = (child = spawn(process.execPath, [BIN, "bot"], {
        cwd: work,
        env: {
          PATH: process.env.PATH,
          DISCORD_TOKEN: s.token,
          DISCORD_API_URL: s.apiUrl,
          CORPUS_DIR,
          INDEX_DIR: path.join(work, "index"),
          DATA_DIR: path.join(work, "data"),
          LOG_LEVEL: "info",
        },
        stdio: ["ignore", "pipe", "pipe"],
      }));
      let stdout = "";
      let stderr = "";
      bot.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      bot.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => bot.once("exit", (code) => resolve(code)));

      await s.waitFor("the bot to serve", () => stdout.includes("serving slash commands"), { timeoutMs: 45_000 });
      const ask = s.sendSlashCommand({ name: "ask", options: { question: "How many North Korean soldiers were sent to Kursk?" } });
      const answer = await s.waitForInteractionResponse(ask);
      const vote = s.sendButton({ customId: `ask:up:${/ask:up:([\w-]+)/.exec(JSON.stringify(answer.message?.components))?.[1]}`, messageId: answer.message!.id });
      expect((await s.waitForInteractionResponse(vote)).content).toMatch(/recorded/);
      bot.kill(signal);
      const code = await exited;

      expect(stderr).toBe("");
      expect(code).toBe(0);
      const lines = stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => line.msg)).toEqual(
        expect.arrayContaining(["logged in to Discord", "shutting down"]),
      );
      expect(lines.find((line) => line.msg === "shutting down")).toMatchObject({ signal });
      expect(stdout).not.toContain(s.token);
      expect(s.connectedSessions).toBe(0);
      // SQLite checkpoints and removes the write-ahead log only when the last connection closes cleanly.
      expect(existsSync(path.join(work, "data", DATABASE_FILE))).toBe(true);
      expect(existsSync(path.join(work, "data", `${DATABASE_FILE}-wal`))).toBe(false);
    },
  );
});
