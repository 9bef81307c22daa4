import { openEngine } from "../answer/open.js";
import type { BotConfig } from "../config/env.js";
import { CorpusLibrary } from "../curation/library.js";
import { offThreadOpener } from "../curation/sync-off-thread.js";
import { watchCorpus } from "../curation/watch.js";
import { startBot } from "./bot.js";
import { Briefings } from "./briefings.js";
import { createRest, fetchApplication } from "./discord-rest.js";
import { ConversationStore } from "./conversation-store.js";
import { FeedbackStore } from "./feedback-store.js";
import { inviteUrl } from "./invite.js";
import type { Logger } from "./logger.js";
import { logUnhandledRejections } from "./shutdown.js";
import { openDatabase } from "../storage/sqlite.js";

/**
 * Runs the bot until `stop` settles (a signal) or Discord ends the session for good. Returns the exit code: 0 after
 * a requested stop, 1 when Discord closed the session. Start-up problems reject with a UserError.
 */
export async function runBot(config: BotConfig, log: Logger, stop: Promise<string>): Promise<number> {
  const unguard = logUnhandledRejections(log);
  try {
    return await serve(config, log, stop);
  } finally {
    unguard();
  }
}

async function serve(config: BotConfig, log: Logger, stop: Promise<string>): Promise<number> {
  // The token is checked first: building the index can take minutes, and a wrong token should not wait for it.
  const application = await fetchApplication(createRest(config.discord), config.discord);
  // So is DATA_DIR, for the same reason.
  openDatabase(config.dataDir).close();
  const { summarizer, embeddings } = config.models;
  const models = { summarizer: summarizer.kind, embeddings: embeddings.kind === "local" ? "local" : `${embeddings.kind}:${embeddings.model}` };
  log.info({ corpusDir: config.corpusDir, indexDir: config.indexDir, models }, "opening the answer engine");
  const { engine, report } = await openEngine({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    models: config.models,
    warn: (message) => log.warn(message),
  });
  log.info({ documents: report.documents, passages: report.passages, seconds: report.seconds }, "answer engine ready");
  const library = new CorpusLibrary({
    corpusDir: config.corpusDir,
    engine,
    // Parsing, embedding and writing a changed corpus happen in a worker thread: the gateway heartbeat and every
    // interaction's 3-second acknowledgement keep running meanwhile.
    open: offThreadOpener({ corpusDir: config.corpusDir, indexDir: config.indexDir, models: config.models }, (message) => log.warn(message)),
  });
  const watcher = watchCorpus(config.corpusDir, () => void reindexAfterEdit(library, log), {
    onError: (error) => log.warn({ err: error }, "cannot watch the corpus folder: files changed by hand are picked up by /corpus reindex only"),
  });
  const feedback = FeedbackStore.open(config.dataDir);
  const conversations = ConversationStore.open(config.dataDir, { maxTurns: config.threads.maxTurns });
  const briefings = Briefings.open(config.dataDir, { engine, log, catchUpMs: config.briefingCatchUpMs });
  let fatal: (reason: string) => void = () => undefined;
  const closed = new Promise<string>((resolve) => (fatal = resolve));
  let code: number;
  try {
    const bot = await startBot({
      discord: config.discord,
      engine,
      feedback,
      conversations,
      threads: config.threads.privacy,
      askLimit: config.askLimit,
      log,
      onFatal: fatal,
      briefings,
      curation: { library, curatorRoleIds: config.curatorRoleIds },
    });
    log.info({ inviteUrl: inviteUrl(application.id), dataDir: config.dataDir }, "serving slash commands (register them with `sitrep deploy-commands`)");
    const outcome = await Promise.race([stop.then((signal) => ({ signal })), closed.then((reason) => ({ reason }))]);
    log.info(outcome, "shutting down");
    await bot.stop();
    code = "reason" in outcome ? 1 : 0;
  } finally {
    watcher.close();
    briefings.close();
    conversations.close();
    feedback.close();
  }
  log.info("stopped");
  return code;
}

/** Files dropped into or edited in the corpus folder by hand: indexed in the background, never fatal. */
async function reindexAfterEdit(library: CorpusLibrary, log: Logger): Promise<void> {
  try {
    const outcome = await library.reindex();
    if (outcome.kind === "reindexed") {
      const { added, changed, removed, skipped, seconds } = outcome.report;
      log.info({ added, changed, removed, skipped: skipped.map((s) => s.file), seconds }, "corpus folder changed: index updated");
    }
  } catch (error) {
    log.error({ err: error }, "corpus folder changed but re-indexing failed: answers still come from the previous index");
  }
}
