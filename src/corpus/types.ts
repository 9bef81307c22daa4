/** One article of the corpus, as loaded from a file under the corpus directory. */
export interface Article {
  /** Stable id derived from the file name (lower-case slug, no extension). */
  readonly id: string;
  readonly title: string;
  /** ISO date (YYYY-MM-DD) when the front matter gives one. */
  readonly published?: string;
  readonly source?: string;
  readonly url?: string;
  readonly tags: readonly string[];
  /** Path relative to the corpus directory, with forward slashes. */
  readonly file: string;
  /** sha256 of the file's bytes: the manifest uses it to re-embed only what changed. */
  readonly hash: string;
  /** Paragraph texts in reading order; paragraph n (1-based) is paragraphs[n - 1]. */
  readonly paragraphs: readonly string[];
  /** The file's size and modification time when it was read: an unchanged pair lets the next start skip reading it. */
  readonly stat?: FileStamp;
}

export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/** The unit of retrieval: a paragraph, or a ~120-word slice of a long one. */
export interface Passage {
  /** `${docId}#${paragraph}` or `${docId}#${paragraph}.${chunk}` when the paragraph was split. */
  readonly id: string;
  readonly docId: string;
  /** 1-based paragraph number in the article, as a reader counts them. */
  readonly paragraph: number;
  /** 0-based slice index within the paragraph. */
  readonly chunk: number;
  readonly text: string;
}

/** A file the loader refused, with a reason a person can act on. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface LoadedCorpus {
  readonly articles: readonly Article[];
  readonly skipped: readonly SkippedFile[];
}
