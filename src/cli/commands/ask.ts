import type { AnswerEngine } from "../../answer/engine.js";
import { isUserError } from "../../errors.js";
import { answerJson, formatAnswer } from "../format.js";
import type { CliIo } from "../io.js";
import type { CommonOptions } from "../options.js";
import { UsageError } from "../usage.js";

/** `sitrep ask "<question>"`, or `sitrep ask -`: one question per stdin line, all from one loaded index. */
export async function ask(engine: AnswerEngine, positionals: readonly string[], options: CommonOptions, io: CliIo): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('ask takes one question in quotes, or "-" to read questions from stdin');
  const question = positionals[0]!;
  const k = options.k !== undefined ? { k: options.k } : {};
  if (question !== "-") {
    const answer = await engine.ask(question, k);
    io.out(options.json ? JSON.stringify(answerJson(answer)) : formatAnswer(answer));
    return 0;
  }
  let failures = 0;
  let first = true;
  for await (const line of io.stdin()) {
    if (line.trim() === "") continue;
    try {
      const answer = await engine.ask(line, k);
      io.out(options.json ? JSON.stringify(answerJson(answer)) : `${first ? "" : "\n"}Q: ${answer.question}\n${formatAnswer(answer)}`);
    } catch (error) {
      // One bad line must not lose the answers to the others.
      if (!isUserError(error)) throw error;
      failures++;
      io.err(`sitrep: ${error.message} (line: ${JSON.stringify(line.slice(0, 60))})`);
    }
    first = false;
  }
  return failures > 0 ? 2 : 0;
}
