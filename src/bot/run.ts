import { openEngine } from "../answer/open.js";
import type { BotConfig } from "../config/env.js";
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
  log.info({ corpusDir: config.corpusDir, indexDir: config.indexDir }, "opening the answer engine");
  const { engine, report } = await openEngine({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    warn: (message) => log.warn(message),
  });
  log.info({ documents: report.documents, passages: report.passages, seconds: report.seconds }, "answer engine ready");
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
    });
    log.info({ inviteUrl: inviteUrl(application.id), dataDir: config.dataDir }, "serving slash commands (register them with `sitrep deploy-commands`)");
    const outcome = await Promise.race([stop.then((signal) => ({ signal })), closed.then((reason) => ({ reason }))]);
    log.info(outcome, "shutting down");
    await bot.stop();
    code = "reason" in outcome ? 1 : 0;
  } finally {
    briefings.close();
    conversations.close();
    feedback.close();
  }
  log.info("stopped");
  return code;
}
