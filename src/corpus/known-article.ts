import { readFileSync } from "node:fs";
import { parseArticle } from "./article.js";
import type { Article, FileStamp } from "./types.js";
import { sourceDetails } from "./source-details.js";

/** What an index remembers of an article it read before: enough to list and cite it without reading it again. */
export type KnownArticle = Omit<Article, "paragraphs" | "stat"> & { readonly stat: FileStamp };

/**
 * An article whose file has the size and modification time it had when it was indexed, so its content hash is taken
 * as unchanged (the same test rsync and git use) and its text is read only if someone asks for a paragraph. Reading
 * and parsing every file took most of a second at 15k passages, on every start, to learn nothing new.
 */
export function knownArticle(known: KnownArticle, readFrom: string): Article {
  let paragraphs: readonly string[] | undefined;
  return {
    id: known.id,
    title: known.title,
    ...sourceDetails(known),
    tags: known.tags,
    file: known.file,
    hash: known.hash,
    stat: known.stat,
    get paragraphs(): readonly string[] {
      // A file that has since become unreadable has no paragraphs to show; the next sync reports and drops it.
      paragraphs ??= readParagraphs(known.file, readFrom);
      return paragraphs;
    },
  };
}

function readParagraphs(file: string, readFrom: string): readonly string[] {
  try {
    return parseArticle(file, readFileSync(readFrom)).paragraphs;
  } catch {
    return [];
  }
}
