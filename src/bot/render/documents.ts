import type { DocumentInfo } from "../../answer/engine.js";
import { customId } from "../custom-id.js";
import { LIMITS } from "../limits.js";
import { clip, clipRendered, echoUserText, escapeCorpusText } from "../text.js";
import { botMessage, button, buttonRow, COLORS, type BotMessage, type ButtonRow } from "./message.js";

export const DOCUMENTS_PER_PAGE = 10;
/** Keeps the filter short enough to ride in a page button's custom id. */
export const MAX_FILTER_LENGTH = 60;
export const PAGE_ACTION = "page";

/** Documents whose title, id or source contains the filter, ignoring case. */
export function filterDocuments(documents: readonly DocumentInfo[], filter: string): DocumentInfo[] {
  const needle = filter.trim().toLowerCase();
  if (needle === "") return [...documents];
  return documents.filter((d) => [d.title, d.id, d.source ?? ""].some((field) => field.toLowerCase().includes(needle)));
}

/**
 * Autocomplete choices for a document option: those whose title or id contains what was typed. A choice's value is
 * capped at 100 characters; longer ids can still be typed in full.
 */
export function documentChoices(
  documents: readonly DocumentInfo[],
  typed: string,
  label: (d: DocumentInfo) => string,
): { name: string; value: string }[] {
  const needle = typed.trim().toLowerCase();
  return documents
    .filter((d) => d.id.length <= LIMITS.choiceValue)
    .filter((d) => needle === "" || d.title.toLowerCase().includes(needle) || d.id.includes(needle))
    .slice(0, LIMITS.choices)
    .map((d) => ({ name: clip(label(d), LIMITS.choiceName), value: d.id }));
}

/** A document's title in bold, clipped so a page of ten lines always fits one embed description. */
export function boldTitle(d: { readonly title: string }): string {
  return `**${escapeCorpusText(clip(d.title, 100))}**`;
}

/** Short text (an id, a file name) as inline code; a backtick inside would end the code span. */
export function inlineCode(text: string): string {
  return `\`${clip(text, 80).replace(/`/g, "'")}\``;
}

/** The requested page, kept within 1…pages, and the items on it. */
export function pageOf<T>(items: readonly T[], requestedPage: number, perPage: number): { page: number; pages: number; shown: T[] } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pages);
  return { page, pages, shown: items.slice((page - 1) * perPage, page * perPage) };
}

/** Previous/Next buttons whose custom ids carry the target page and `extra`; none when everything fits one page. */
export function pageButtons(command: string, page: number, pages: number, ...extra: string[]): ButtonRow[] {
  if (pages <= 1) return [];
  return [
    buttonRow(
      button(customId(command, PAGE_ACTION, page - 1, ...extra), "Previous", { disabled: page === 1 }),
      button(customId(command, PAGE_ACTION, page + 1, ...extra), "Next", { disabled: page === pages }),
    ),
  ];
}

function documentLine(d: DocumentInfo): string {
  const date = d.published !== undefined ? ` · ${d.published}` : "";
  return `${boldTitle(d)}${date} · ${d.paragraphs} paragraphs · ${inlineCode(d.id)}`;
}

/** One page of the /sources list, with Previous/Next buttons that carry the page and the filter. */
export function renderDocuments(documents: readonly DocumentInfo[], filter: string, requestedPage: number): BotMessage {
  const { page, pages, shown } = pageOf(documents, requestedPage, DOCUMENTS_PER_PAGE);
  const heading = filter.trim() === "" ? "" : `Matching **${clipRendered(filter, MAX_FILTER_LENGTH * 3, echoUserText)}**\n\n`;
  const list = shown.length === 0 ? (filter.trim() === "" ? "The corpus is empty." : "No document matches.") : shown.map(documentLine).join("\n");
  const description = clip(`${heading}${list}`, LIMITS.description);
  const components = pageButtons("sources", page, pages, filter.trim().slice(0, MAX_FILTER_LENGTH));
  return botMessage({
    embeds: [
      {
        title: "Documents",
        color: COLORS.info,
        description,
        footer: { text: `Page ${page} of ${pages} · ${documents.length} document${documents.length === 1 ? "" : "s"}` },
      },
    ],
    components,
  });
}
