import { composeDailyBrief, formatDailyBrief } from "../../answer/daily-brief.js";
import type { AnswerEngine } from "../../answer/engine.js";
import type { CliIo } from "../io.js";
import type { CommonOptions } from "../options.js";

/** `sitrep brief`: the same composer the scheduled Discord post uses, printed to the terminal. */
export async function brief(engine: AnswerEngine, options: CommonOptions, io: CliIo): Promise<number> {
  const composed = await composeDailyBrief(engine, {
    now: new Date(),
    timeZone: options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(options.since !== undefined ? { since: options.since } : {}),
    ...(options.topics !== undefined ? { topics: options.topics } : {}),
  });
  io.out(options.json ? JSON.stringify(composed) : formatDailyBrief(composed));
  return 0;
}
