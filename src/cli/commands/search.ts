import type { AnswerEngine } from "../../answer/engine.js";
import { formatSearchHit, searchJson } from "../format.js";
import type { CliIo } from "../io.js";
import type { CommonOptions } from "../options.js";
import { UsageError } from "../usage.js";

export async function search(engine: AnswerEngine, positionals: readonly string[], options: CommonOptions, io: CliIo): Promise<number> {
  if (positionals.length !== 1) throw new UsageError("search takes one query in quotes");
  const hits = await engine.search(positionals[0]!, options.k !== undefined ? { k: options.k } : {});
  if (options.json) io.out(JSON.stringify(hits.map(searchJson)));
  else io.out(hits.length === 0 ? "No passage matches." : hits.map((h, i) => formatSearchHit(h, i + 1)).join("\n"));
  return 0;
}
