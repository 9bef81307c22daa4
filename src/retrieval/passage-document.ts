import { Document } from "@langchain/core/documents";
import type { Article, Passage } from "../corpus/types.js";

/** What every retrieved LangChain Document carries, whichever vector store holds it. */
export interface PassageMetadata {
  readonly passageId: string;
  readonly docId: string;
  readonly title: string;
  readonly paragraph: number;
  readonly chunk: number;
}

export function toDocument(article: Pick<Article, "title">, passage: Passage): Document<PassageMetadata> {
  return new Document<PassageMetadata>({
    pageContent: passage.text,
    metadata: {
      passageId: passage.id,
      docId: passage.docId,
      title: article.title,
      paragraph: passage.paragraph,
      chunk: passage.chunk,
    },
  });
}

export function isPassageMetadata(value: Record<string, unknown>): value is Record<string, unknown> & PassageMetadata {
  return (
    typeof value.passageId === "string" &&
    typeof value.docId === "string" &&
    typeof value.title === "string" &&
    typeof value.paragraph === "number" &&
    typeof value.chunk === "number"
  );
}

/**
 * What is embedded and matched for a passage: its document's title, then its text. A paragraph rarely repeats what
 * the whole article is about ("North Korean troops"), while questions usually name it.
 */
export function contextualText(passage: { readonly pageContent: string; readonly metadata: { readonly title: string } }): string {
  return `${passage.metadata.title}.\n${passage.pageContent}`;
}
