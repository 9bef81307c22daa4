import { escapeMarkdown } from "discord.js";
import { sentenceSpans } from "../corpus/sentences.js";

const ELLIPSIS = "…";
const ZWSP = "\u200b";

/** Drops a trailing lone high surrogate, so a cut never leaves half an emoji behind. */
function safeSlice(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

/**
 * Shortens `text` to at most `max` characters, marking the cut with "…". It cuts after the last whole sentence that
 * fits when that keeps at least half the room (a reader loses less than with a sentence cut in two), otherwise at the
 * last word boundary.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, Math.max(0, max));
  const sentenceRoom = max - 2;
  const lastSentenceEnd = sentenceSpans(text)
    .map((s) => s.end)
    .filter((end) => end <= sentenceRoom)
    .pop();
  if (lastSentenceEnd !== undefined && lastSentenceEnd >= sentenceRoom / 2) return `${text.slice(0, lastSentenceEnd)} ${ELLIPSIS}`;
  const wordRoom = max - 1;
  const space = text.lastIndexOf(" ", wordRoom);
  const cut = space >= wordRoom / 2 ? text.slice(0, space).trimEnd() : safeSlice(text, wordRoom);
  return `${cut}${ELLIPSIS}`;
}

/**
 * Clips raw text so that what `render` makes of it (escaping, decoration) fits in `max` characters. Rendering can
 * lengthen text unevenly (every `*` gains a backslash), so the raw budget shrinks until the rendered form fits.
 */
export function clipRendered(raw: string, max: number, render: (text: string) => string): string {
  let budget = max;
  for (;;) {
    const rendered = render(clip(raw, budget));
    if (rendered.length <= max || budget <= 0) return rendered.length <= max ? rendered : "";
    budget -= Math.max(1, rendered.length - max);
  }
}

/** Corpus text shown as written: characters that Discord would read as markdown are escaped. */
export function escapeCorpusText(text: string): string {
  return escapeMarkdown(text);
}

/**
 * Text a user typed, made inert for echoing: markdown escaped (masked links, headings and lists included), and a
 * zero-width space placed where Discord would otherwise see a mention (`@everyone`, `<@id>`, `<@&role>`) or an
 * autolink, so it pings no one and links nowhere even if a message ever forgot `allowedMentions`.
 */
export function echoUserText(text: string): string {
  return escapeMarkdown(text, { maskedLink: true, heading: true, bulletedList: true, numberedList: true })
    .replace(/^>/gm, "\\>")
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<@/g, `<@${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`);
}
