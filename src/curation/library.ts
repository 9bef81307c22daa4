import { randomBytes } from "node:crypto";
import { realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AnswerEngine, DocumentInfo } from "../answer/engine.js";
import { loadCorpus } from "../corpus/load.js";
import type { LoadedCorpus } from "../corpus/types.js";
import { UserError } from "../errors.js";
import type { SyncReport } from "../retrieval/indexing.js";
import { contentHash, type PreparedArticle } from "./upload.js";

/** Opens a fresh engine over the corpus and index directories (syncing the index first). */
export type EngineOpener = () => Promise<{ engine: AnswerEngine; report: SyncReport }>;

export type AddOutcome =
  | { readonly kind: "added"; readonly document: DocumentInfo }
  | { readonly kind: "duplicate"; readonly document: DocumentInfo | { readonly id: string; readonly title: string; readonly file: string } };

export type ReindexOutcome =
  | { readonly kind: "unchanged"; readonly documents: number; readonly skipped: LoadedCorpus["skipped"] }
  | { readonly kind: "reindexed"; readonly report: SyncReport };

export interface CorpusLibraryOptions {
  readonly corpusDir: string;
  /** The engine everyone answers from; a finished re-index is swapped into it. */
  readonly engine: AnswerEngine;
  readonly open: EngineOpener;
  readonly warn?: (message: string) => void;
}

/**
 * Adds, removes and re-indexes the articles of the corpus while the engine keeps answering. Changes run one at a
 * time; each builds a new index beside the live one (a new generation folder) and swaps it in only when complete, so
 * questions asked meanwhile get answers from the previous index, and a crash leaves that index in place.
 */
export class CorpusLibrary {
  private queue: Promise<unknown> = Promise.resolve();
  /** The corpus as last indexed (ids and file hashes), to skip re-indexing when nothing changed. */
  private indexed: string | undefined;

  constructor(private readonly options: CorpusLibraryOptions) {}

  get engine(): AnswerEngine {
    return this.options.engine;
  }

  documents(): DocumentInfo[] {
    return this.options.engine.documents();
  }

  /**
   * Writes each new article into the corpus and re-indexes once. An article whose text is already in the corpus
   * (whatever its file name or format) is reported as a duplicate and not written.
   */
  add(prepared: readonly PreparedArticle[]): Promise<AddOutcome[]> {
    return this.exclusive(async () => {
      const corpus = await loadCorpus(this.options.corpusDir);
      const known = new Map(corpus.articles.map((a) => [contentHash(a.paragraphs), { id: a.id, title: a.title, file: a.file }]));
      const outcomes: (AddOutcome | { kind: "written"; id: string })[] = [];
      for (const item of prepared) {
        const existing = known.get(item.contentHash);
        if (existing) {
          outcomes.push({ kind: "duplicate", document: this.describe(existing.id) ?? existing });
          continue;
        }
        await this.write(item);
        known.set(item.contentHash, { id: item.article.id, title: item.article.title, file: item.fileName });
        outcomes.push({ kind: "written", id: item.article.id });
      }
      if (outcomes.some((o) => o.kind === "written")) await this.reindexNow();
      return outcomes.map((outcome) => {
        if (outcome.kind !== "written") return outcome;
        const document = this.describe(outcome.id);
        if (!document) throw new Error(`the article ${outcome.id} was written but the index does not have it`);
        return { kind: "added", document };
      });
    });
  }

  /** Deletes the document's file from the corpus and re-indexes. */
  remove(docId: string): Promise<{ document: DocumentInfo; report: SyncReport | undefined }> {
    return this.exclusive(async () => {
      const document = this.describe(docId);
      if (!document) throw new UserError("UNKNOWN_DOCUMENT", `There is no document "${docId}" in the corpus.`);
      await rm(await this.insideCorpus(document.file), { force: true });
      const outcome = await this.reindexNow();
      return { document, report: outcome.kind === "reindexed" ? outcome.report : undefined };
    });
  }

  /** Brings the index up to date with the files in the corpus folder (after hand edits, or on request). */
  reindex(): Promise<ReindexOutcome> {
    return this.exclusive(() => this.reindexNow());
  }

  private async reindexNow(): Promise<ReindexOutcome> {
    const corpus = await loadCorpus(this.options.corpusDir);
    const fingerprint = fingerprintOf(corpus);
    if (fingerprint === this.indexed) return { kind: "unchanged", documents: corpus.articles.length, skipped: corpus.skipped };
    const { engine, report } = await this.options.open();
    this.options.engine.adopt(engine);
    // What was indexed is what the sync read, which may be newer than `corpus`; a later check catches the difference.
    this.indexed = fingerprint;
    return { kind: "reindexed", report };
  }

  private describe(docId: string): DocumentInfo | undefined {
    return this.options.engine.documents().find((d) => d.id === docId);
  }

  /** Written under a dot-name first (which the loader ignores), so no reader ever sees half a file. */
  private async write(item: PreparedArticle): Promise<void> {
    const target = path.join(this.options.corpusDir, item.fileName);
    if (await stat(target).then(() => true, () => false)) {
      throw new UserError("BAD_FILE", `A different file named ${item.fileName} is already in the corpus; rename or remove it first.`);
    }
    const temporary = path.join(this.options.corpusDir, `.${item.fileName}.${randomBytes(4).toString("hex")}.tmp`);
    try {
      await writeFile(temporary, item.text, { flag: "wx" });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** The absolute path of a corpus file, refusing anything that resolves outside the corpus folder. */
  private async insideCorpus(file: string): Promise<string> {
    const root = await realpath(this.options.corpusDir);
    const full = path.resolve(root, file);
    if (!full.startsWith(root + path.sep)) throw new Error(`refusing to touch ${file}: it is outside the corpus folder`);
    return full;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function fingerprintOf(corpus: LoadedCorpus): string {
  return JSON.stringify([corpus.articles.map((a) => [a.id, a.hash]), corpus.skipped.map((s) => s.file)]);
}
