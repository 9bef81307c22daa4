import { open, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { ArticleError, DEFAULT_MAX_FILE_BYTES, isArticleFile, parseArticle, tooLargeReason } from "./article.js";
import { knownArticle, type KnownArticle } from "./known-article.js";
import type { Article, FileStamp, LoadedCorpus, SkippedFile } from "./types.js";

export type { KnownArticle } from "./known-article.js";

export { ArticleError, DEFAULT_MAX_FILE_BYTES, parseArticle } from "./article.js";

export interface LoadOptions {
  /** Files larger than this are skipped without being read. */
  readonly maxFileBytes?: number;
  /**
   * Articles read before, by file path: a file whose size and modification time still match is not read again (its
   * paragraphs load when first used).
   */
  readonly known?: ReadonlyMap<string, KnownArticle>;
}

interface Candidate {
  /** Path relative to the corpus directory, forward slashes. */
  readonly file: string;
  /** Where to read it: the resolved target for a symlink. */
  readonly readFrom: string;
}

/**
 * Loads every .md and .txt file under `dir` (recursively, in sorted path order). A file that cannot be an article
 * is listed in `skipped` with its reason and never stops the others. Throws only when `dir` itself is unusable.
 */
export async function loadCorpus(dir: string, opts: LoadOptions = {}): Promise<LoadedCorpus> {
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const root = await realpath(dir).catch((err: unknown) => {
    throw new Error(`cannot open the corpus directory ${dir}: ${ioReason(err)}`, { cause: err });
  });
  if (!(await stat(root)).isDirectory()) throw new Error(`the corpus path ${dir} is not a directory`);
  const { candidates, skipped } = await listCandidates(root);
  candidates.sort((a, b) => compare(a.file, b.file));

  const articles: Article[] = [];
  const owners = new Map<string, string>();
  for (const candidate of candidates) {
    try {
      const article = (await unchanged(candidate, opts.known)) ?? (await readArticle(candidate, maxFileBytes));
      const owner = owners.get(article.id);
      if (owner !== undefined) {
        throw new ArticleError(candidate.file, `its id "${article.id}" is already used by ${owner}`);
      }
      owners.set(article.id, candidate.file);
      articles.push(article);
    } catch (err) {
      const reason = err instanceof ArticleError ? err.reason : `unexpected error: ${String(err)}`;
      skipped.push({ file: candidate.file, reason });
    }
  }
  skipped.sort((a, b) => compare(a.file, b.file));
  return { articles, skipped };
}

async function readArticle(candidate: Candidate, maxFileBytes: number): Promise<Article> {
  const { bytes, stamp } = await readLimited(candidate, maxFileBytes);
  return { ...parseArticle(candidate.file, bytes, { maxFileBytes }), stat: stamp };
}

/** The remembered article when its file's size and modification time are those it was read with. */
async function unchanged(candidate: Candidate, known: ReadonlyMap<string, KnownArticle> | undefined): Promise<Article | undefined> {
  const before = known?.get(candidate.file);
  if (!before) return undefined;
  const info = await stat(candidate.readFrom).catch(() => undefined);
  if (!info?.isFile() || info.size !== before.stat.size || info.mtimeMs !== before.stat.mtimeMs) return undefined;
  return knownArticle(before, candidate.readFrom);
}

/**
 * Lists article files under `root`. Real folders are walked first and symlinks followed afterwards, so a link to a
 * folder inside the corpus never hides the folder's own paths; each real folder is entered once, which ends loops.
 */
async function listCandidates(root: string): Promise<{ candidates: Candidate[]; skipped: SkippedFile[] }> {
  const candidates: Candidate[] = [];
  const skipped: SkippedFile[] = [];
  const visitedDirs = new Set([root]);
  const links: Candidate[] = [];

  const walk = async (dir: string, relDir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ file: `${relDir || "."}/`, reason: `cannot list this folder: ${ioReason(err)}` });
      return;
    }
    entries.sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const file = relDir === "" ? entry.name : `${relDir}/${entry.name}`;
      const full = path.join(dir, entry.name);
      if (entry.isFile() && isArticleFile(file)) candidates.push({ file, readFrom: full });
      else if (entry.isDirectory()) await enter(full, file);
      else if (entry.isSymbolicLink()) links.push({ file, readFrom: full });
    }
  };

  const enter = async (dir: string, relDir: string): Promise<void> => {
    const real = await realpath(dir).catch(() => undefined);
    if (real === undefined || visitedDirs.has(real)) return;
    visitedDirs.add(real);
    await walk(dir, relDir);
  };

  const follow = async ({ file, readFrom }: Candidate): Promise<void> => {
    const isArticle = isArticleFile(file);
    let target: string;
    let isDirectory: boolean;
    try {
      target = await realpath(readFrom);
      const info = await stat(target);
      if (!info.isDirectory() && !info.isFile()) return;
      isDirectory = info.isDirectory();
    } catch (err) {
      const why = isCode(err, "ENOENT") ? "its target does not exist" : ioReason(err);
      if (isArticle) skipped.push({ file, reason: `broken symlink: ${why}` });
      return;
    }
    if (!isDirectory && !isArticle) return;
    if (target !== root && !target.startsWith(root + path.sep)) {
      skipped.push({ file: isDirectory ? `${file}/` : file, reason: "symlink points outside the corpus directory" });
    } else if (isDirectory) {
      await enter(target, file);
    } else {
      candidates.push({ file, readFrom: target });
    }
  };

  await walk(root, "");
  // Following a link may discover more links; the loop picks them up as the list grows.
  for (let i = 0; i < links.length; i++) await follow(links[i]!);
  return { candidates, skipped };
}

/** Reads a file after checking its size on the open handle, so a huge file is never loaded into memory. */
async function readLimited(candidate: Candidate, maxFileBytes: number): Promise<{ bytes: Buffer; stamp: FileStamp }> {
  const fail = (reason: string): never => {
    throw new ArticleError(candidate.file, reason);
  };
  const unreadable = (err: unknown): never =>
    fail(isCode(err, "ENOENT") ? "file vanished before it could be read" : `cannot read the file: ${ioReason(err)}`);
  const handle = await open(candidate.readFrom, "r").catch(unreadable);
  try {
    const info = await handle.stat();
    if (!info.isFile()) fail("not a regular file");
    if (info.size > maxFileBytes) fail(tooLargeReason(info.size, maxFileBytes));
    // Stamped before reading: a write that lands during the read changes the time, so it is never taken as read.
    return { bytes: await handle.readFile(), stamp: { size: info.size, mtimeMs: info.mtimeMs } };
  } catch (err) {
    if (err instanceof ArticleError) throw err;
    return unreadable(err);
  } finally {
    await handle.close();
  }
}

function ioReason(err: unknown): string {
  if (isCode(err, "ENOENT")) return "it does not exist";
  if (isCode(err, "EACCES") || isCode(err, "EPERM")) return "permission denied";
  if (isCode(err, "ELOOP")) return "too many levels of symlinks";
  return err instanceof Error ? err.message : String(err);
}

function isCode(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}

/** Plain code-unit order, so the result does not depend on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
