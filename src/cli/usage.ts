/** A mistake in how the command was typed: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const USAGE = `Usage: sitrep <command> [options]

Commands:
  ask "<question>" [--json] [--k N]   answer with citations ("-" reads one question per line from stdin)
  chat [--json] [--k N]               a conversation: each line is answered with the ones before it as context
                                      (/new starts over, /exit or Ctrl-D quits; works with piped stdin too)
  search "<query>" [--json] [--k N]   ranked passages with scores
  sources [--json]                    the documents in the corpus
  ingest                              build or update the index
  add FILE… [--title T] [--published YYYY-MM-DD] [--source S] [--url U]
                                      add .md or .txt articles to the corpus (stored under generated names;
                                      a text already in the corpus is not added twice) and update the index
  remove ID                           delete a document's file from the corpus and update the index
  brief [--topic "a; b"] [--since DATE] [--tz ZONE] [--json]
                                      the daily brief: what is new since DATE, key points per topic, cited
  bot                                 run the Discord bot (DISCORD_TOKEN in .env; stops on Ctrl-C)
  deploy-commands [--guild ID]        register the bot's slash commands in one server, or globally

Options for every command:
  --corpus DIR   articles to answer from (env CORPUS_DIR, default ./corpus)
  --index DIR    where the index is kept (env INDEX_DIR, default ./.sitrep/index)
  --help         this text`;
