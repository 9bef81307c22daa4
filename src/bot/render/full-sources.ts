import type { APIEmbed } from "discord.js";
import type { Citation } from "../../answer/types.js";
import { LIMITS } from "../limits.js";
import { clipRendered, escapeCorpusText } from "../text.js";
import { packBlocks } from "./fit.js";
import { botMessage, COLORS, type BotMessage } from "./message.js";
import { citedPlace } from "./sources.js";

const TITLE = "Sources, quoted in full";

function quoteBlock(citation: Citation): string {
  const heading = `**[${citation.n}] ${citedPlace(citation.title, citation.paragraph)}**\n`;
  // Every line of a multi-line quote needs its own "> " to stay inside the block quote.
  const render = (text: string) => `> ${escapeCorpusText(text).replace(/\n/g, "\n> ")}`;
  return `${heading}${clipRendered(citation.quote, LIMITS.description - TITLE.length - heading.length, render)}`;
}

/**
 * The Sources button's answer: every cited quote in full, as one or more messages. A message holds at most 6000
 * characters of embeds, so long quotes spill into further messages instead of being cut.
 */
export function renderFullSources(citations: readonly Citation[]): BotMessage[] {
  if (citations.length === 0) return [botMessage({ content: "This answer cites no sources." })];
  const blocks = [...citations].sort((a, b) => a.n - b.n).map(quoteBlock);
  const descriptions = packBlocks(blocks, LIMITS.description - TITLE.length, "\n\n");
  const messages: APIEmbed[][] = [[]];
  let total = TITLE.length;
  for (const description of descriptions) {
    const current = messages[messages.length - 1]!;
    if (current.length > 0 && (total + description.length > LIMITS.embedTotal || current.length === LIMITS.embeds)) {
      messages.push([]);
      total = 0;
    }
    messages[messages.length - 1]!.push({ color: COLORS.info, description });
    total += description.length;
  }
  messages[0]![0] = { title: TITLE, ...messages[0]![0] };
  return messages.map((embeds) => botMessage({ embeds }));
}
