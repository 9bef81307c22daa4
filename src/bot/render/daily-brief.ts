import type { APIEmbed } from "discord.js";
import { QUIET_DAY, type BriefLine, type DailyBrief } from "../../answer/daily-brief.js";
import { limitProblems, LIMITS } from "../limits.js";
import { clip, clipRendered, echoUserText } from "../text.js";
import { fitUnits, markedUnits } from "./marked-text.js";
import { botMessage, COLORS, type BotMessage } from "./message.js";
import { sourcesFields } from "./sources.js";

export const NEW_SINCE_HEADING = "New since the last brief";
export const KEY_POINTS_HEADING = "Key points";
export const NOTHING_YET = "Nothing in the corpus yet.";
/** Appended to the footer when an item lost sentences or a quote was shortened to fit one message. */
export const SHORTENED_NOTE = "shortened to fit Discord";

/** How long one item (label and cited text) may be, tried in turn: items shrink after quotes, never below a line. */
const ITEM_BUDGETS = [1000, 700, 450, 300, 180] as const;
const LABEL_BUDGET = 100;
/** How long each Sources quote may be, tried in turn; never zero, so every marker resolves to a quote. */
export const BRIEF_QUOTE_BUDGETS = [240, 160, 100, 60] as const;

interface Section {
  readonly text: string;
  readonly markers: ReadonlySet<number>;
  readonly shortened: boolean;
}

/**
 * "• **Label** — sentence [1] sentence [2]". The label may be a watch topic an admin typed, so it is echoed inert; the
 * text is cut between sentences only, and a sentence clipped on its own keeps its markers.
 */
function itemLine(item: BriefLine, budget: number): Section {
  const prefix = `• **${clipRendered(item.label, LABEL_BUDGET, echoUserText)}** — `;
  const fitted = fitUnits(markedUnits(item.text), Math.max(0, budget - prefix.length));
  return { text: `${prefix}${fitted.text}`, markers: fitted.markers, shortened: fitted.shortened };
}

function section(heading: string, items: readonly BriefLine[], empty: string, itemBudget: number): Section {
  const lines = items.map((item) => itemLine(item, itemBudget));
  const markers = new Set(lines.flatMap((line) => [...line.markers]));
  const body = lines.length > 0 ? lines.map((line) => line.text).join("\n") : empty;
  return { text: `**${heading}**\n${body}`, markers, shortened: lines.some((line) => line.shortened) };
}

export interface DailyBriefRenderOptions {
  /** Footer text, e.g. when the brief is posted; a note is appended when something was shortened. */
  readonly footer?: string;
  /** Text above the embeds (a preview's explanation). */
  readonly content?: string;
}

function build(brief: DailyBrief, options: DailyBriefRenderOptions, itemBudget: number, quoteBudget: number): BotMessage {
  const fresh = section(NEW_SINCE_HEADING, brief.newSince, QUIET_DAY, itemBudget);
  const key = section(KEY_POINTS_HEADING, brief.keyPoints, NOTHING_YET, itemBudget);
  const visible = new Set([...fresh.markers, ...key.markers]);
  // Only citations whose marker is shown get a Sources line, and every marker shown has one.
  const cited = brief.citations.filter((c) => visible.has(c.n));
  // Quotes beyond the first budget are clipped on every brief; only a cut made to fit the message is worth a note.
  const quotesCut = quoteBudget < BRIEF_QUOTE_BUDGETS[0] && cited.some((c) => c.quote.length > quoteBudget);
  const notes = [options.footer, fresh.shortened || key.shortened || quotesCut ? SHORTENED_NOTE : undefined].filter((n) => n !== undefined);
  const tail: Partial<APIEmbed> = {
    fields: sourcesFields(cited, quoteBudget),
    ...(notes.length > 0 ? { footer: { text: clip(notes.join(" · "), LIMITS.footer) } } : {}),
  };
  const head: APIEmbed = { title: clip(brief.title, LIMITS.title), color: COLORS.answer };
  const together = `${fresh.text}\n\n${key.text}`;
  // One embed when both sections fit its description; otherwise the key points and Sources follow in a second one.
  const embeds: APIEmbed[] =
    together.length <= LIMITS.description
      ? [{ ...head, description: together, ...tail }]
      : [
          { ...head, description: fresh.text },
          { color: COLORS.answer, description: key.text, ...tail },
        ];
  return botMessage({ ...(options.content !== undefined ? { content: options.content } : {}), embeds });
}

/**
 * The daily brief as one Discord message: the title, "New since the last brief" (or the quiet-day line), "Key points",
 * and Sources `[n] Title, ¶p — “quote”` for exactly the markers shown. Quotes shrink first, then items, until the
 * message fits Discord's limits; it is split across two embeds only when one description cannot hold both sections.
 */
export function renderDailyBrief(brief: DailyBrief, options: DailyBriefRenderOptions = {}): BotMessage {
  for (const itemBudget of ITEM_BUDGETS) {
    for (const quoteBudget of BRIEF_QUOTE_BUDGETS) {
      const message = build(brief, options, itemBudget, quoteBudget);
      if (limitProblems(message).length === 0) return message;
    }
  }
  // Only a brief far beyond the composer's five items a section gets here: say so rather than send what Discord rejects.
  return botMessage({
    embeds: [{ title: clip(brief.title, LIMITS.title), color: COLORS.answer, description: "This brief is too long to show in Discord." }],
  });
}
