import type { AnswerEngine } from "../../answer/engine.js";
import type { CliIo } from "../io.js";
import type { CommonOptions } from "../options.js";

export function sources(engine: AnswerEngine, options: CommonOptions, io: CliIo): number {
  const documents = engine.documents();
  if (options.json) {
    io.out(JSON.stringify(documents));
    return 0;
  }
  for (const d of documents) {
    io.out(`${d.id}  ${d.title}${d.published ? ` (${d.published})` : ""} — ${d.paragraphs} paragraphs`);
  }
  if (documents.length === 0) io.out("The corpus is empty.");
  return 0;
}
