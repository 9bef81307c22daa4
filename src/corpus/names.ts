/** Lower-case words kept lower-case in a title unless they come first. */
const SMALL_WORDS = new Set([
  "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "per", "the", "to",
  "via", "vs", "with",
]);

/** The file's path without its final extension, e.g. "world/Kursk Report.md" → "world/Kursk Report". */
export function stripExtension(file: string): string {
  const slash = file.lastIndexOf("/");
  const dot = file.lastIndexOf(".");
  return dot > slash + 1 ? file.slice(0, dot) : file;
}

/**
 * Article id from its path relative to the corpus: each folder and the file name slugged, joined with "--"
 * (a single slug never contains "--", so the joint stays unambiguous). Empty when a part has no letters or digits.
 */
export function articleId(file: string): string {
  const parts = stripExtension(file).split("/").filter((part) => part !== "").map(slugify);
  return parts.includes("") ? "" : parts.join("--");
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** "north-korean-troops-in-russias-war.txt" → "North Korean Troops in Russias War". */
export function titleFromFileName(file: string): string {
  const base = stripExtension(file).split("/").pop() ?? "";
  return base
    .split(/[\s_-]+/u)
    .filter((word) => word !== "")
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word.toLowerCase()) ? word.toLowerCase() : capitalise(word)))
    .join(" ");
}

function capitalise(word: string): string {
  const first = word.codePointAt(0) ?? 0;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + word.slice(head.length);
}
