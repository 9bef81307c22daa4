import Database from "better-sqlite3";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../src/storage/sqlite.js";
import { useProcessCleanup } from "../support/process-cleanup.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** What a supervisor (systemd, Docker, Kubernetes) typically allows between SIGTERM and SIGKILL, less a margin. */
const STOP_BUDGET_MS = 5000;

const cleanup = useProcessCleanup();

describe("the bot process under signals and stray rejections", () => {
  it("GIVEN an answer still on its way to Discord WHEN `sitrep bot` gets SIGTERM THEN that answer arrives and is stored, and the process exits 0 within 5 s", async () => {
    const { standin: s, work, bot } = await cleanup.startBot("sitrep-hardening-process-");
    // A slow Discord holds the answer's edit: the answer is in progress when the signal comes.
    s.delayNext({ method: "PATCH", path: "/webhooks/:appId/:token/messages/:messageId", ms: 1500 });
    const ask = s.sendSlashCommand({ name: "ask", options: { question: "How many North Korean soldiers were sent to Kursk?" } });
    await s.waitFor("the deferral", () => s.interactionTimings(ask)?.ackedAt);

    const signalled = Date.now();
    bot.process.kill("SIGTERM");
    const code = await bot.exited;
    const stopMs = Date.now() - signalled;

    expect(bot.stderr()).toBe("");
    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(STOP_BUDGET_MS);
    expect(s.interactionTimings(ask)).toMatchObject({ callbackAttempts: 1, edits: 1 });
    const db = new Database(path.join(work, "data", DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM answers").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it("GIVEN the bot's rejection guard WHEN a promise rejects with nobody handling it THEN the error is logged and the process keeps running", async () => {
    const script = `
      const { createLogger } = await import(${JSON.stringify(path.join(ROOT, "src/bot/logger.ts"))});
      const { logUnhandledRejections } = await import(${JSON.stringify(path.join(ROOT, "src/bot/shutdown.ts"))});
      logUnhandledRejections(createLogger({ level: "info" }));
      void Promise.reject(new Error("a forgotten catch"));
      setTimeout(() => console.log("still serving"), 100);
    `;
    const run = cleanup.spawnNode(["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, env: { PATH: process.env.PATH } });

    const code = await run.exited;

    expect(code).toBe(0);
    expect(run.stderr()).toBe("");
    const lines = run.stdout().trim().split("\n");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, msg: "unhandled promise rejection (the bot keeps running)", err: { message: "a forgotten catch" } });
    expect(lines[1]).toBe("still serving");
  });
});
