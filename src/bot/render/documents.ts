import type { DocumentInfo } from "../../answer/engine.js";
import { customId } from "../custom-id.js";
import { LIMITS } from "../limits.js";
import { clip, clipRendered, echoUserText, escapeCorpusText } from "../text.js";
import { botMessage, button, buttonRow, COLORS, type BotMessage } from "./message.js";

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

function documentLine(d: DocumentInfo): string {
  const date = d.published !== undefined ? ` · ${d.published}` : "";
  // Clipped so that a full page (10 lines, at most ~350 characters each) always fits one description.
  return `**${escapeCorpusText(clip(d.title, 100))}**${date} · ${d.paragraphs} paragraphs · \`${clip(d.id, 80).replace(/`/g, "'")}\``;
}

/** One page of the /sources list, with Previous/Next buttons that carry the page and the filter. */
export function renderDocuments(documents: readonly DocumentInfo[], filter: string, requestedPage: number): BotMessage {
  const pages = Math.max(1, Math.ceil(documents.length / DOCUMENTS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pages);
  const shown = documents.slice((page - 1) * DOCUMENTS_PER_PAGE, page * DOCUMENTS_PER_PAGE);
  const heading = filter.trim() === "" ? "" : `Matching **${clipRendered(filter, MAX_FILTER_LENGTH * 3, echoUserText)}**\n\n`;
  const list = shown.length === 0 ? (filter.trim() === "" ? "The corpus is empty." : "No document matches.") : shown.map(documentLine).join("\n");
  const description = clip(`${heading}${list}`, LIMITS.description);
  const pageFilter = filter.trim().slice(0, MAX_FILTER_LENGTH);
  const components =
    pages > 1
      ? [
          buttonRow(
            button(customId("sources", PAGE_ACTION, page - 1, pageFilter), "Previous", { disabled: page === 1 }),
            button(customId("sources", PAGE_ACTION, page + 1, pageFilter), "Next", { disabled: page === pages }),
          ),
        ]
      : [];
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
