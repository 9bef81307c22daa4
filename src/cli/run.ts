import { stat } from "node:fs/promises";
import { openEngine } from "../answer/open.js";
import { readModelsConfig } from "../config/env.js";
import { isUserError } from "../errors.js";
import { ask } from "./commands/ask.js";
import { brief } from "./commands/brief.js";
import { chat } from "./commands/chat.js";
import { add, remove } from "./commands/curate.js";
import { CorpusLibrary } from "../curation/library.js";
import { ingestSummary } from "./commands/ingest.js";
import { search } from "./commands/search.js";
import { sources } from "./commands/sources.js";
import type { CliIo } from "./io.js";
import { parseCommand, type CommonOptions } from "./options.js";
import { progressBar } from "./progress.js";
import { USAGE, UsageError } from "./usage.js";

const ENGINE_COMMANDS = new Set(["ask", "chat", "search", "sources", "ingest", "brief", "add", "remove"]);

async function requireCorpus(options: CommonOptions): Promise<void> {
  const info = await stat(options.corpusDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`corpus directory not found: ${options.corpusDir} (set --corpus or CORPUS_DIR)`);
}

/** Runs one CLI command; returns the exit code: 0 done (an abstention included), 2 usage error, 1 internal error. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { command, positionals, options, help } = parseCommand(argv, io.env);
    if (help || command === undefined || command === "help") {
      io.out(USAGE);
      return command === undefined && !help ? 2 : 0;
    }
    // The bot reports a missing corpus along with every other configuration problem, so it skips requireCorpus.
    // Both load discord.js (~1 s to import), which no other command needs: they are imported only when run.
    if (command === "bot") return await (await import("./commands/bot.js")).bot(options, io);
    if (command === "deploy-commands") return await (await import("./commands/deploy-commands.js")).deployCommandsCommand(options, io);
    if (!ENGINE_COMMANDS.has(command)) throw new UsageError(`unknown command "${command}" (try sitrep --help)`);
    await requireCorpus(options);
    const models = readModelsConfig(io.env);
    const open = async () => {
      const bar = progressBar(io.stderrStream ?? process.stderr, "Embedding");
      const opened = await openEngine({
        corpusDir: options.corpusDir,
        indexDir: options.indexDir,
        models,
        onProgress: bar,
        warn: (message) => io.err(`warning: ${message}`),
      });
      bar.end();
      return opened;
    };
    const { engine, report } = await open();
    const library = () => new CorpusLibrary({ corpusDir: options.corpusDir, engine, open });
    switch (command) {
      case "add":
        return await add(library(), positionals, options, io);
      case "remove":
        return await remove(library(), positionals, options, io);
      case "ask":
        return await ask(engine, positionals, options, io);
      case "chat":
        return await chat(engine, positionals, options, io);
      case "search":
        return await search(engine, positionals, options, io);
      case "sources":
        return sources(engine, options, io);
      case "brief":
        return await brief(engine, options, io);
      default:
        return ingestSummary(report, options, io);
    }
  } catch (error) {
    if (error instanceof UsageError || isUserError(error)) {
      io.err(`sitrep: ${error.message}`);
      return 2;
    }
    io.err(`sitrep: internal error: ${(error as Error).message}`);
    if (io.env.DEBUG) io.err((error as Error).stack ?? "");
    return 1;
  }
}
