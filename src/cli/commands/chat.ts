import type { AnswerEngine } from "../../answer/engine.js";
import type { Turn } from "../../answer/follow-up.js";
import type { Answer } from "../../answer/types.js";
import { isUserError } from "../../errors.js";
import { answerJson, formatAnswer } from "../format.js";
import type { CliIo } from "../io.js";
import type { CommonOptions } from "../options.js";
import { UsageError } from "../usage.js";

/** Turns kept as context, as the bot keeps per thread; resolving a follow-up reads the latest one. */
const KEPT_TURNS = 10;
const EXIT = new Set(["/exit", "/quit"]);
const RESTART = "/new";

export const CHAT_BANNER =
  'sitrep chat: ask a question, then follow-ups ("Where was it held?") are read with the conversation so far.\n' +
  `${RESTART} starts a new conversation; /exit or Ctrl-D quits.`;

type FollowUpAnswer = Answer & { readonly resolvedQuestion: string };

function formatTurn(answer: FollowUpAnswer, echoQuestion: boolean): string {
  const lines = echoQuestion ? [`Q: ${answer.question}`] : [];
  if (answer.resolvedQuestion !== answer.question) lines.push(`(read with the conversation as: ${answer.resolvedQuestion})`);
  lines.push(formatAnswer(answer));
  return lines.join("\n");
}

/**
 * `sitrep chat`: a conversation in the terminal, one question per line, each answered with the turns before it as
 * context (engine.followUp), printed like `sitrep ask`. Reads piped stdin the same way, so a script can hold a
 * conversation too. Exit code as `sitrep ask -`: 2 when some line could not be answered (an empty or too long
 * question), else 0.
 */
export async function chat(engine: AnswerEngine, positionals: readonly string[], options: CommonOptions, io: CliIo): Promise<number> {
  if (positionals.length > 0) throw new UsageError("chat takes no question: type questions once it starts, or pipe them in, one per line");
  const k = options.k !== undefined ? { k: options.k } : {};
  const interactive = io.interactive === true;
  // Prompt and banner go to stderr (as a shell's prompt does), so stdout holds only answers.
  const prompt = (): void => {
    if (interactive) io.stderrStream?.write("> ");
  };
  if (interactive) io.err(CHAT_BANNER);
  let history: Turn[] = [];
  let failures = 0;
  let answered = 0;
  prompt();
  for await (const raw of io.stdin()) {
    const line = raw.trim();
    if (EXIT.has(line)) break;
    if (line === RESTART) {
      history = [];
      if (interactive) io.err("(new conversation)");
    } else if (line !== "") {
      try {
        const answer = await engine.followUp(history, line, k);
        history = [...history, { question: answer.question, resolvedQuestion: answer.resolvedQuestion, citations: answer.citations }].slice(-KEPT_TURNS);
        if (options.json) io.out(JSON.stringify({ ...answerJson(answer), resolvedQuestion: answer.resolvedQuestion }));
        else io.out(`${answered > 0 || interactive ? "\n" : ""}${formatTurn(answer, !interactive)}${interactive ? "\n" : ""}`);
        answered++;
      } catch (error) {
        // A bad line must not end the conversation.
        if (!isUserError(error)) throw error;
        failures++;
        io.err(`sitrep: ${error.message}`);
      }
    }
    prompt();
  }
  if (interactive) io.err("");
  return failures > 0 ? 2 : 0;
}
