/**
 * Nouns by which a question names the text itself rather than anything in it: "What does the article say about
 * Seoul?", "the author's bottom line", "per the piece". No paragraph names its own article.
 */
export const TEXT_NOUNS: readonly string[] = ["article", "author", "writer", "piece", "essay", "op-ed", "story", "column", "editorial", "text", "report"];

/** One of TEXT_NOUNS ("op-ed" also typed "oped"), as a pattern's source; possessives are left to the caller. */
export const TEXT_NOUN_PATTERN = `(?:${TEXT_NOUNS.map((noun) => noun.replace("-", "-?")).join("|")})`;
