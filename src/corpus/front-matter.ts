import { parseDocument } from "yaml";
import { sourceDetails } from "./source-details.js";

/** Article metadata a Markdown file may declare between `---` lines. */
export interface FrontMatter {
  readonly title?: string;
  readonly published?: string;
  readonly source?: string;
  readonly url?: string;
  readonly tags: readonly string[];
}

export interface SplitMarkdown {
  readonly meta: FrontMatter;
  readonly body: string;
}

/** Thrown with a reason a person can act on; the caller adds the file name. */
export class FrontMatterError extends Error {
  override readonly name = "FrontMatterError";
}

const OPENING = /^---[ \t]*\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** Separates optional YAML front matter from the Markdown body. `text` uses "\n" line endings. */
export function splitFrontMatter(text: string): SplitMarkdown {
  const opening = OPENING.exec(text);
  if (!opening) return { meta: { tags: [] }, body: text };
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) throw new FrontMatterError("front matter starts with --- but has no closing --- line");
  const yaml = rest.slice(0, closing.index);
  const body = rest.slice(closing.index + closing[0].length);
  return { meta: toFrontMatter(parseYaml(yaml)), body };
}

function parseYaml(yaml: string): unknown {
  const doc = parseDocument(yaml, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw new FrontMatterError(`front matter is not valid YAML: ${firstLine(error.message)}`);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new FrontMatterError(`front matter is not valid YAML: ${firstLine(String(err))}`);
  }
}

function toFrontMatter(data: unknown): FrontMatter {
  if (data === null || data === undefined) return { tags: [] };
  if (typeof data !== "object" || Array.isArray(data) || data instanceof Date) {
    throw new FrontMatterError(`front matter must be "key: value" lines, not ${describe(data)}`);
  }
  const record = data as Record<string, unknown>;
  const title = optionalText(record, "title");
  const published = optionalDate(record.published);
  const source = optionalText(record, "source");
  const url = optionalUrl(record.url);
  return {
    ...(title === undefined ? {} : { title }),
    ...sourceDetails({ published, source, url }),
    tags: tagList(record.tags),
  };
}

function optionalText(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new FrontMatterError(`front matter "${key}" must be text, not ${describe(value)} (put it in quotes)`);
  }
  const text = value.replace(/\s+/gu, " ").trim();
  return text === "" ? undefined : text;
}

/** YAML may give a Date (timestamp tag) or a string; either becomes YYYY-MM-DD as written. */
function optionalDate(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const match = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/su.exec(value.trim()) : null;
  if (match) {
    const [, year, month, day] = match.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return match[0].slice(0, 10);
  }
  throw new FrontMatterError(`front matter "published" must be a date like 2024-11-04, not ${describe(value)}`);
}

function optionalUrl(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" && /^https?:\/\/\S+$/iu.test(value.trim()) && URL.canParse(value.trim())) {
    return value.trim();
  }
  throw new FrontMatterError(`front matter "url" must be an http(s) address, not ${describe(value)}`);
}

function tagList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const items = typeof value === "string" ? value.split(",") : value;
  if (!Array.isArray(items)) {
    throw new FrontMatterError(`front matter "tags" must be a list or comma-separated text, not ${describe(value)}`);
  }
  const tags = items.map((item: unknown) => {
    if (typeof item === "string" || typeof item === "number") return String(item).trim();
    throw new FrontMatterError(`front matter "tags" must contain only words, not ${describe(item)}`);
  });
  return [...new Set(tags.filter((tag) => tag !== ""))];
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "an invalid date";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object" && value !== null) return "a nested mapping";
  return `${typeof value} ${String(value)}`;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
