import { createLogger } from "../../bot/logger.js";
import { runBot } from "../../bot/run.js";
import { readBotConfig } from "../../config/env.js";
import { modelSecrets } from "../../config/models.js";
import type { CliIo } from "../io.js";
import type { CommonOptions } from "../options.js";

/** Settles on the first SIGINT or SIGTERM; a second one falls through to Node's default and ends the process at once. */
export function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
}

/** `sitrep bot`: logs in to Discord and serves the slash commands; logs are JSON lines on stdout. */
export async function bot(options: CommonOptions, io: CliIo, stop: () => Promise<string> = stopSignal): Promise<number> {
  const config = readBotConfig(io.env, { corpusDir: options.corpusDir, indexDir: options.indexDir });
  const log = createLogger({ level: config.logLevel, secrets: [config.discord.token, ...modelSecrets(config.models)], write: io.out });
  return runBot(config, log, stop());
}
