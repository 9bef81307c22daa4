import { existsSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { startDiscordStandin, type Standin } from "../support/discord-standin/index.js";
import { recordingIo } from "../bot/cli-io.js";
import { CORPUS_DIR } from "../bot/harness.js";

let standin: Standin;
let dir: string;

beforeAll(async () => {
  standin = await startDiscordStandin();
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-bad-config-"));
  writeFileSync(path.join(dir, "a-file"), "not a folder");
});

afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

interface Row {
  readonly name: string;
  /** Changes to a configuration that would otherwise start the bot; undefined unsets the variable. */
  readonly change: (base: { dir: string }) => Record<string, string | undefined>;
  readonly message: RegExp;
}

const ROWS: readonly Row[] = [
  { name: "a missing token", change: () => ({ DISCORD_TOKEN: undefined }), message: /DISCORD_TOKEN is missing: copy it from https:\/\/discord\.com\/developers\/applications/ },
  { name: "a token with a Bot prefix", change: () => ({ DISCORD_TOKEN: "Bot abc.def.ghi" }), message: /DISCORD_TOKEN=\(hidden\) starts with "Bot "/ },
  { name: "a DISCORD_API_URL that is not a URL", change: () => ({ DISCORD_API_URL: "discord.example" }), message: /DISCORD_API_URL="discord\.example" is not an http\(s\) URL/ },
  { name: "a DISCORD_API_URL with another scheme", change: () => ({ DISCORD_API_URL: "ftp://127.0.0.1/api" }), message: /DISCORD_API_URL="ftp:\/\/127\.0\.0\.1\/api" is not an http\(s\) URL/ },
  { name: "a DISCORD_API_URL with the version", change: () => ({ DISCORD_API_URL: "http://127.0.0.1:9/api/v10" }), message: /ends with an API version: drop it/ },
  { name: "an unknown LOG_LEVEL", change: () => ({ LOG_LEVEL: "loud" }), message: /LOG_LEVEL="loud" must be one of fatal, error, warn, info, debug, trace, silent/ },
  { name: "a CORPUS_DIR that does not exist", change: ({ dir: d }) => ({ CORPUS_DIR: path.join(d, "nowhere") }), message: /CORPUS_DIR: the corpus directory .* does not exist/ },
  { name: "a DATA_DIR that cannot be written", change: ({ dir: d }) => ({ DATA_DIR: path.join(d, "a-file", "data") }), message: /DATA_DIR .* cannot be created or written \(ENOTDIR\): point DATA_DIR at a writable folder\./ },
];

describe("bad configuration for `sitrep bot`: one clear line each, exit 2, nothing started", () => {
  it.each(ROWS)("GIVEN $name WHEN the bot starts THEN it prints one line saying what to fix", async ({ change, message }) => {
    const indexDir = path.join(dir, "never-built");
    const env: NodeJS.ProcessEnv = {
      DISCORD_TOKEN: standin.token,
      DISCORD_API_URL: standin.apiUrl,
      CORPUS_DIR,
      INDEX_DIR: indexDir,
      DATA_DIR: path.join(dir, "data"),
      ...change({ dir }),
    };
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
    const io = recordingIo(env);

    const code = await runCli(["bot"], io);

    expect(code).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^sitrep: /);
    expect(io.stderr[0]).toMatch(message);
    expect(io.stderr[0]).not.toMatch(/\n\s+at /);
    expect(io.stderr[0]).not.toContain(standin.token);
    expect(existsSync(indexDir)).toBe(false);
  });
});
