import { createHash } from "node:crypto";
import { stringify } from "yaml";
import { ArticleError, collapseSpaces, DEFAULT_MAX_FILE_BYTES, isArticleFile, parseArticle } from "../corpus/article.js";
import { articleId, slugify } from "../corpus/names.js";
import type { Article } from "../corpus/types.js";
import { UserError } from "../errors.js";

/** What a curator may set beside the file; each wins over the file's own front matter. */
export interface UploadMetadata {
  readonly title?: string;
  readonly published?: string;
  readonly source?: string;
  readonly url?: string;
}

/** An upload checked and turned into the Markdown file sitrep will store, under a name sitrep chose. */
export interface PreparedArticle {
  /** A file name in the corpus root: the title's slug and the content hash, never a path the user gave. */
  readonly fileName: string;
  readonly text: string;
  readonly article: Article;
  readonly contentHash: string;
}

export const MAX_UPLOAD_BYTES = DEFAULT_MAX_FILE_BYTES;
const MAX_SLUG_LENGTH = 50;
const PATHLIKE = /[/\\\0]|^\.|\.\./u;

/** Refuses a file name that is not a plain .md or .txt name, before any byte is read or written. */
export function checkUploadName(name: string): ".md" | ".txt" {
  if (PATHLIKE.test(name)) {
    throw new UserError("BAD_FILE", `"${name.slice(0, 80)}" is not a plain file name (it contains a path or starts with a dot); upload the file itself.`);
  }
  if (!isArticleFile(name)) throw new UserError("BAD_FILE", "Only .md (Markdown with optional front matter) and .txt files can be articles.");
  return name.toLowerCase().endsWith(".md") ? ".md" : ".txt";
}

export function uploadTooLarge(bytes: number): UserError {
  return new UserError("BAD_FILE", `The file is ${(bytes / 1024 / 1024).toFixed(1)} MiB; articles can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`);
}

export function checkUploadSize(bytes: number): void {
  if (bytes > MAX_UPLOAD_BYTES) throw uploadTooLarge(bytes);
}

/** Identifies an article by its text alone, so the same article uploaded as .txt and as .md is one duplicate. */
export function contentHash(paragraphs: readonly string[]): string {
  return createHash("sha256").update(paragraphs.join("\n")).digest("hex");
}

/**
 * Validates an uploaded article (size, UTF-8, front matter, at least one paragraph) and renders it as the Markdown
 * file that will be stored: the curator's metadata in the front matter, one paragraph per blank-line block.
 */
export function prepareUpload(name: string, bytes: Buffer, metadata: UploadMetadata = {}): PreparedArticle {
  const extension = checkUploadName(name);
  checkUploadSize(bytes.length);
  // A .txt file's title comes from its name, so the name is used for parsing when it can make an id.
  const uploaded = parseOrRefuse(articleId(name) === "" ? `upload${extension}` : name, bytes, "The file cannot be an article");
  const meta = {
    title: clean(metadata.title) ?? uploaded.title,
    published: clean(metadata.published) ?? uploaded.published,
    source: clean(metadata.source) ?? uploaded.source,
    url: clean(metadata.url) ?? uploaded.url,
    tags: uploaded.tags.length > 0 ? [...uploaded.tags] : undefined,
  };
  const frontMatter = stringify(Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)), { lineWidth: 0 });
  const text = `---\n${frontMatter}---\n\n${uploaded.paragraphs.join("\n\n")}\n`;
  const hash = contentHash(uploaded.paragraphs);
  const slug = slugify(meta.title).slice(0, MAX_SLUG_LENGTH).replace(/-+$/u, "") || "article";
  const fileName = `${slug}-${hash.slice(0, 8)}.md`;
  const article = parseOrRefuse(fileName, Buffer.from(text, "utf8"), "The title, published, source or url given is not valid");
  // The stored file must read back as the text that was uploaded: a paragraph that looks like a heading or a
  // front-matter fence would otherwise change meaning once written.
  if (contentHash(article.paragraphs) !== hash) {
    throw new UserError("BAD_FILE", "A paragraph of the file begins like a Markdown heading (#) or is a --- line, which the stored article would read differently; edit that line and upload the file again.");
  }
  return { fileName, text, article, contentHash: hash };
}

function parseOrRefuse(file: string, bytes: Buffer, problem: string): Article {
  try {
    return parseArticle(file, bytes, { maxFileBytes: MAX_UPLOAD_BYTES });
  } catch (error) {
    if (error instanceof ArticleError) throw new UserError("BAD_FILE", `${problem}: ${error.reason}.`);
    throw error;
  }
}

function clean(value: string | undefined): string | undefined {
  const text = value === undefined ? undefined : collapseSpaces(value);
  return text === "" ? undefined : text;
}
