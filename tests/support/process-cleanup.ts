import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import type { Standin } from "./discord-standin/index.js";

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
  return {
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
  };
}
