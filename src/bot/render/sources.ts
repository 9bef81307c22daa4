import type { APIEmbedField } from "discord.js";
import type { Citation } from "../../answer/types.js";
import { LIMITS } from "../limits.js";
import { clip, clipRendered, escapeCorpusText } from "../text.js";
import { packBlocks } from "./fit.js";

/** Quote lengths tried in the Sources field, longest first; 0 leaves just "[n] Title, ¶p". */
export const QUOTE_BUDGETS = [240, 160, 80, 0] as const;

/** Discord needs a non-empty field name; a zero-width one makes continued Sources read as one list. */
const CONTINUED = "\u200b";

export function citedPlace(title: string, paragraph: number): string {
  return `${escapeCorpusText(clip(title, 100))}, ¶${paragraph}`;
}

/** `[n] Title, ¶p — “quote”`, the quote clipped to `quoteBudget` characters (0: no quote). */
export function sourceLine(citation: Citation, quoteBudget: number): string {
  const place = `[${citation.n}] ${citedPlace(citation.title, citation.paragraph)}`;
  if (quoteBudget <= 0) return place;
  return clip(`${place} — “${clipRendered(citation.quote, quoteBudget, escapeCorpusText)}”`, LIMITS.fieldValue);
}

/** One line per citation, packed into as many fields as needed; every citation keeps its line. */
export function sourcesFields(citations: readonly Citation[], quoteBudget: number, name = "Sources"): APIEmbedField[] {
  const lines = [...citations].sort((a, b) => a.n - b.n).map((c) => sourceLine(c, quoteBudget));
  return packBlocks(lines, LIMITS.fieldValue).map((value, i) => ({ name: i === 0 ? name : CONTINUED, value }));
}
