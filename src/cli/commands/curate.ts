import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { CorpusLibrary } from "../../curation/library.js";
import { checkUploadSize, prepareUpload, type PreparedArticle } from "../../curation/upload.js";
import { isUserError } from "../../errors.js";
import type { CliIo } from "../io.js";
import type { CommonOptions } from "../options.js";
import { UsageError } from "../usage.js";

async function prepareFile(file: string, options: CommonOptions): Promise<PreparedArticle> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new UsageError("no such file");
  if (!info.isFile()) throw new UsageError("not a file");
  checkUploadSize(info.size);
  return prepareUpload(path.basename(file), await readFile(file), options.metadata);
}

/**
 * `sitrep add FILE…`: checks every file first and adds none when one is refused, so a typo never leaves half a
 * batch in the corpus; then writes them under generated names and re-indexes once.
 */
export async function add(library: CorpusLibrary, files: readonly string[], options: CommonOptions, io: CliIo): Promise<number> {
  if (files.length === 0) throw new UsageError("add needs at least one .md or .txt file");
  if (files.length > 1 && Object.keys(options.metadata).length > 0) {
    throw new UsageError("--title, --published, --source and --url describe one article: give one file with them");
  }
  const prepared: PreparedArticle[] = [];
  const refused: string[] = [];
  for (const file of files) {
    try {
      prepared.push(await prepareFile(file, options));
    } catch (error) {
      if (!isUserError(error) && !(error instanceof UsageError)) throw error;
      refused.push(`${file}: ${error.message}`);
    }
  }
  if (refused.length > 0) {
    for (const line of refused) io.err(`sitrep: refused ${line}`);
    io.err(`sitrep: nothing was added; fix ${refused.length === 1 ? "that file" : "those files"} and run add again.`);
    return 2;
  }
  const outcomes = await library.add(prepared);
  if (options.json) {
    io.out(JSON.stringify(outcomes.map((o, i) => ({ file: files[i], ...o }))));
    return 0;
  }
  outcomes.forEach((outcome, i) => {
    const d = outcome.document;
    io.out(
      outcome.kind === "added"
        ? `added ${d.id}: "${d.title}", ${outcome.document.paragraphs} paragraphs (stored as ${path.join(options.corpusDir, d.file)})`
        : `not added ${files[i]}: the corpus already has this text as ${d.id} ("${d.title}")`,
    );
  });
  return 0;
}

export async function remove(library: CorpusLibrary, ids: readonly string[], options: CommonOptions, io: CliIo): Promise<number> {
  const [id, ...rest] = ids;
  if (id === undefined || rest.length > 0) throw new UsageError("remove takes one document id (see sitrep sources)");
  const { document } = await library.remove(id);
  if (options.json) io.out(JSON.stringify({ removed: document }));
  else {
    const left = library.documents().length;
    io.out(`removed ${document.id}: "${document.title}" (deleted ${path.join(options.corpusDir, document.file)}); ${left} document${left === 1 ? "" : "s"} left`);
  }
  return 0;
}
