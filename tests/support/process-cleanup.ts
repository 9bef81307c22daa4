import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import { deployCommands } from "../../src/bot/deploy.js";
import { startDiscordStandin, type Standin } from "./discord-standin/index.js";

export const BIN = fileURLToPath(new URL("../../bin/sitrep.mjs", import.meta.url));
const BUNDLED_CORPUS = fileURLToPath(new URL("../../corpus", import.meta.url));

/** A `sitrep bot` process serving a fresh stand-in from a fresh folder (index and data inside it). */
export interface BotProcess {
  readonly standin: Standin;
  readonly work: string;
  readonly bot: Running;
}

/** A Node process a test started, with what it has printed so far. */
export interface Running {
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export interface ProcessCleanup {
  /** `node <args>`, output collected; killed after the test if it is still running. */
  spawnNode(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Running;
  /** A Discord stand-in: closed after the test. */
  standin(standin: Standin): Standin;
  /** A fresh temporary folder: removed after the test. */
  workDir(prefix: string): Promise<string>;
  /**
   * Registers the commands on a fresh stand-in and starts `sitrep bot` against it, resolving once it serves. Its
   * environment holds only what is given here, so a developer's own .env cannot leak in (cwd is the fresh folder).
   */
  startBot(prefix: string, env?: (work: string) => Promise<NodeJS.ProcessEnv> | NodeJS.ProcessEnv): Promise<BotProcess>;
}

/** For tests that run sitrep as a real process: whatever a test started is stopped and removed after it, pass or fail. */
export function useProcessCleanup(): ProcessCleanup {
  const children: ChildProcess[] = [];
  const standins: Standin[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    for (const standin of standins.splice(0)) await standin.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const cleanup: ProcessCleanup = {
    spawnNode: (args, options) => {
      const child = spawn(process.execPath, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
      children.push(child);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      return { process: child, exited, stdout: () => stdout, stderr: () => stderr };
    },
    standin: (standin) => {
      standins.push(standin);
      return standin;
    },
    workDir: async (prefix) => {
      const dir = await mkdtemp(path.join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    startBot: async (prefix, env) => {
      const standin = cleanup.standin(await startDiscordStandin());
      const work = await cleanup.workDir(prefix);
      await deployCommands({ discord: { token: standin.token, apiUrl: standin.apiUrl }, guildId: standin.ids.guildId });
      const bot = cleanup.spawnNode([BIN, "bot"], {
        cwd: work,
        env: {
          PATH: process.env.PATH,
          DISCORD_TOKEN: standin.token,
          DISCORD_API_URL: standin.apiUrl,
          CORPUS_DIR: BUNDLED_CORPUS,
          INDEX_DIR: path.join(work, "index"),
          DATA_DIR: path.join(work, "data"),
          ...(await env?.(work)),
        },
      });
      await standin.waitFor("the bot to serve", () => bot.stdout().includes("serving slash commands"), { timeoutMs: 45_000 });
      return { standin, work, bot };
    },
  };
  return cleanup;
}
