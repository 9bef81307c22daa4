import { splitSentences } from "../corpus/sentences.js";
import { UserError } from "../errors.js";
import type { AnswerEngine, DocumentInfo } from "./engine.js";
import type { Answer, Citation } from "./types.js";

/** One line of a brief: a label (a document's title or a topic) and text in which every claim carries `[n]`. */
export interface BriefLine {
  readonly label: string;
  readonly text: string;
}

export interface DailyBrief {
  /** "Daily brief — Thu 26 Nov 2026", dated in the reader's time zone. */
  readonly title: string;
  /** The same day as YYYY-MM-DD: the key a scheduler uses to post once a day. */
  readonly date: string;
  /** Documents added or changed since `since`; empty on a quiet day. */
  readonly newSince: readonly BriefLine[];
  readonly keyPoints: readonly BriefLine[];
  /** Every `[n]` of the brief, numbered by first use. */
  readonly citations: readonly Citation[];
}

export interface DailyBriefOptions {
  readonly now: Date;
  /** IANA zone the brief is dated in, e.g. "Europe/Kyiv". */
  readonly timeZone: string;
  /** What counts as new: documents indexed after this moment. */
  readonly since?: Date;
  /** Watch topics; without them the key points follow the most recent documents. */
  readonly topics?: readonly string[];
}

export const MAX_ITEMS = 5;
const SENTENCES_PER_POINT = 2;

/** Numbers citations across the whole brief, so one paragraph quoted twice keeps one number. */
class CitationRegistry {
  private readonly byKey = new Map<string, Citation>();

  cite(source: Omit<Citation, "n">): number {
    const key = `${source.docId}#${source.paragraph}#${source.quote}`;
    let citation = this.byKey.get(key);
    if (!citation) {
      citation = { ...source, n: this.byKey.size + 1 };
      this.byKey.set(key, citation);
    }
    return citation.n;
  }

  get all(): Citation[] {
    return [...this.byKey.values()];
  }
}

export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone }).format(0);
    return timeZone;
  } catch {
    throw new UserError("BAD_OPTION", `"${timeZone}" is not a time zone; use an IANA name such as Europe/London or America/New_York.`);
  }
}

function dateParts(now: Date, timeZone: string): { title: string; date: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return { title: `Daily brief — ${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`, date: iso };
}

/** A document's gist: the first sentence of its first paragraph, where news writing puts it. */
function gist(engine: AnswerEngine, document: DocumentInfo, registry: CitationRegistry): BriefLine {
  const { text } = engine.paragraph(document.id, 1);
  const lede = splitSentences(text)[0] ?? text;
  const n = registry.cite({ docId: document.id, title: document.title, paragraph: 1, quote: lede, score: 1 });
  return { label: document.title, text: `${lede} [${n}]` };
}

/** The first sentences of an answer, their markers renumbered into the brief's own numbering. */
function point(label: string, answer: Answer, registry: CitationRegistry): BriefLine {
  if (answer.abstained) return { label, text: "Nothing in the corpus on this yet." };
  const text = answer.sentences
    .slice(0, SENTENCES_PER_POINT)
    .map((sentence) => {
      const source = answer.citations.find((c) => c.n === sentence.n);
      if (!source) return "";
      // The brief quotes exactly the sentence it uses, not the answer's whole span of that paragraph; a model-written
      // sentence is not verbatim, so it keeps the citation's own quote.
      const { docId, title, paragraph, score } = source;
      const quote = source.quote.includes(sentence.text) ? sentence.text : source.quote;
      return `${sentence.text} [${registry.cite({ docId, title, paragraph, quote, score })}]`;
    })
    .filter(Boolean)
    .join(" ");
  return { label, text: text || "Nothing in the corpus on this yet." };
}

function newest(documents: readonly DocumentInfo[]): DocumentInfo[] {
  const when = (d: DocumentInfo): string => d.published ?? d.indexedAt ?? "";
  return [...documents].sort((a, b) => when(b).localeCompare(when(a)) || a.title.localeCompare(b.title));
}

/**
 * Composes the daily brief: what is new since the last one (each document's gist, cited), then the key points on the
 * watch topics (or on the newest documents), each claim cited and every citation listed. The same composer serves the
 * scheduler, `/briefing preview` and `sitrep brief`.
 */
export async function composeDailyBrief(engine: AnswerEngine, options: DailyBriefOptions): Promise<DailyBrief> {
  const timeZone = checkTimeZone(options.timeZone);
  const registry = new CitationRegistry();
  const documents = engine.documents();
  const since = options.since?.toISOString();
  const fresh = since === undefined ? [] : newest(documents.filter((d) => d.indexedAt !== undefined && d.indexedAt > since));
  const newSince = fresh.slice(0, MAX_ITEMS).map((d) => gist(engine, d, registry));
  const topics = (options.topics ?? []).map((t) => t.trim()).filter(Boolean).slice(0, MAX_ITEMS);
  const keyPoints: BriefLine[] = [];
  if (topics.length > 0) {
    for (const topic of topics) keyPoints.push(point(topic, await engine.ask(topic), registry));
  } else {
    for (const d of newest(documents).slice(0, 3)) keyPoints.push(point(d.title, await engine.ask(d.title), registry));
  }
  return { ...dateParts(options.now, timeZone), newSince, keyPoints, citations: registry.all };
}

export const QUIET_DAY = "Quiet day — nothing new since the last brief.";

/** Plain-text rendering, for the terminal. */
export function formatDailyBrief(brief: DailyBrief): string {
  const lines = [brief.title, "", "New since the last brief"];
  if (brief.newSince.length === 0) lines.push(QUIET_DAY);
  for (const item of brief.newSince) lines.push(`- ${item.label}: ${item.text}`);
  lines.push("", "Key points");
  for (const item of brief.keyPoints) lines.push(`- ${item.label}: ${item.text}`);
  if (brief.citations.length > 0) {
    lines.push("", "Sources");
    for (const c of brief.citations) lines.push(`[${c.n}] ${c.title}, ¶${c.paragraph} — “${c.quote}”`);
  }
  return lines.join("\n");
}
