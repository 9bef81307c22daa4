import type { Article } from "./types.js";

export type SourceDetails = Pick<Article, "published" | "source" | "url">;

/** An article's optional publication details, with no key for an absent one (exactOptionalPropertyTypes). */
export function sourceDetails(from: {
  readonly published?: string | undefined;
  readonly source?: string | undefined;
  readonly url?: string | undefined;
}): SourceDetails {
  return {
    ...(from.published === undefined ? {} : { published: from.published }),
    ...(from.source === undefined ? {} : { source: from.source }),
    ...(from.url === undefined ? {} : { url: from.url }),
  };
}
