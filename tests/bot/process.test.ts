import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../src/bot/feedback-store.js";
import { useProcessCleanup } from "../support/process-cleanup.js";


const cleanup = useProcessCleanup();

describe("`sitrep bot` as a process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "GIVEN the bot serving commands WHEN it receives %s THEN it logs out, closes SQLite cleanly and exits 0",
    async (signal) => {
      const { standin: s, work, bot } = await cleanup.startBot("sitrep-process-", () => ({ LOG_LEVEL: "info" }));
      const { exited } = bot;
      const ask = s.sendSlashCommand({ name: "ask", options: { question: "How many North Korean soldiers were sent to Kursk?" } });
      const answer = await s.waitForInteractionResponse(ask);
      const vote = s.sendButton({ customId: `ask:up:${/ask:up:([\w-]+)/.exec(JSON.stringify(answer.message?.components))?.[1]}`, messageId: answer.message!.id });
      expect((await s.waitForInteractionResponse(vote)).content).toMatch(/recorded/);
      bot.process.kill(signal);
      const code = await exited;
      const stdout = bot.stdout();

      expect(bot.stderr()).toBe("");
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
