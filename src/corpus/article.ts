import { createHash } from "node:crypto";
import { FrontMatterError, splitFrontMatter, type FrontMatter, type SplitMarkdown } from "./front-matter.js";
import { articleId, titleFromFileName } from "./names.js";
import type { Article } from "./types.js";
import { sourceDetails } from "./source-details.js";

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export const ARTICLE_EXTENSIONS = [".md", ".txt"] as const;

/** Why one file cannot be an article; `reason` is meant for the person who put the file there. */
export class ArticleError extends Error {
  override readonly name = "ArticleError";
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export function isArticleFile(file: string): boolean {
  const lower = file.toLowerCase();
  return ARTICLE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function tooLargeReason(bytes: number, maxFileBytes: number): string {
  return `file is ${formatBytes(bytes)}, over the ${formatBytes(maxFileBytes)} limit`;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const NO_META: FrontMatter = { tags: [] };
const HEADING = /^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/u;

/**
 * Validates and parses one article file without touching disk. `file` is its path relative to the corpus
 * (forward slashes); it decides the id, the format (.md or .txt) and the fallback title.
 */
export function parseArticle(file: string, bytes: Buffer, opts: { maxFileBytes?: number } = {}): Article {
  const fail = (reason: string): never => {
    throw new ArticleError(file, reason);
  };
  if (!isArticleFile(file)) fail("only .md and .txt files can be articles");
  const id = articleId(file);
  if (id === "") fail("the file or folder name has no a-z letters or digits to make an id from; rename it");
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > maxFileBytes) fail(tooLargeReason(bytes.length, maxFileBytes));
  if (bytes.length === 0) fail("file is empty");
  const text = decode(bytes, fail)
    .replace(/^\uFEFF/u, "")
    .replace(/\r\n?/g, "\n");
  if (text.trim() === "") fail("file contains only whitespace");

  const { meta, title, paragraphs } = file.toLowerCase().endsWith(".md")
    ? parseMarkdown(text, fail)
    : { meta: NO_META, title: undefined, paragraphs: text.split("\n").map(collapseSpaces).filter(nonEmpty) };
  if (paragraphs.length === 0) fail("file has no paragraphs of text");

  return {
    id,
    title: meta.title ?? title ?? titleFromFileName(file),
    ...sourceDetails(meta),
    tags: meta.tags,
    file,
    hash: createHash("sha256").update(bytes).digest("hex"),
    paragraphs,
  };
}

function decode(bytes: Buffer, fail: (reason: string) => never): string {
  const bom = bytes.subarray(0, 2).toString("hex");
  if (bom === "fffe" || bom === "feff") fail("file is UTF-16 text; save it as UTF-8");
  if (bytes.includes(0)) fail("file looks binary (it contains NUL bytes), not text");
  try {
    return utf8.decode(bytes);
  } catch {
    return fail("file is not valid UTF-8 text; save it as UTF-8");
  }
}

/** Blank-line separated paragraphs after optional front matter; a leading "# Title" line is the title, not text. */
function parseMarkdown(
  text: string,
  fail: (reason: string) => never,
): { meta: FrontMatter; title: string | undefined; paragraphs: string[] } {
  let split: SplitMarkdown;
  try {
    split = splitFrontMatter(text);
  } catch (err) {
    if (err instanceof FrontMatterError) return fail(err.message);
    throw err;
  }
  const lines = split.body.split("\n");
  const first = lines.findIndex(nonEmpty);
  const heading = HEADING.exec(lines[first] ?? "");
  if (heading) lines.splice(first, 1);
  const title = collapseSpaces(heading?.[1] ?? "");
  const paragraphs = lines.join("\n").split(/\n\s*\n/u).map(collapseSpaces).filter(nonEmpty);
  return { meta: split.meta, title: title === "" ? undefined : title, paragraphs };
}

/** Runs of whitespace (line breaks included) become one space, as in a paragraph or a front-matter value. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

function nonEmpty(text: string): boolean {
  return text.trim() !== "";
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
