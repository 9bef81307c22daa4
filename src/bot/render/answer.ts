import { ButtonStyle, type APIEmbed, type APIEmbedField } from "discord.js";
import type { Answer } from "../../answer/types.js";
import type { SearchHit } from "../../retrieval/hybrid-search.js";
import { customId } from "../custom-id.js";
import { LIMITS } from "../limits.js";
import { clip, clipRendered, echoUserText, escapeCorpusText } from "../text.js";
import { fitEmbed, packBlocks } from "./fit.js";
import { fitUnits, markedUnits } from "./marked-text.js";
import { botMessage, button, buttonRow, COLORS, type BotMessage, type ButtonRow } from "./message.js";
import { citedPlace, QUOTE_BUDGETS, sourcesFields } from "./sources.js";

/** Custom-id actions of the buttons under an answer; the answer id follows. */
export const ANSWER_ACTIONS = { sources: "sources", up: "up", down: "down", thread: "thread" } as const;

/** "**Q:** question" with the user's text made inert, in at most a third of the description budget. */
export function questionHeader(label: string, question: string, descriptionBudget: number): string {
  const frame = (text: string) => `**${label}:** ${text}\n\n`;
  const room = Math.min(1000, Math.floor(descriptionBudget / 3)) - frame("").length;
  return frame(clipRendered(question, room, echoUserText));
}

export function searchedFooter(passagesSearched: number, milliseconds: number, note?: string): string {
  const searched = `Searched ${passagesSearched} passages in ${Math.max(1, Math.round(milliseconds))} ms`;
  return note !== undefined ? `${searched} · ${note}` : searched;
}

export function closestFields(closest: readonly SearchHit[], excerptBudget: number): APIEmbedField[] {
  if (closest.length === 0) return [];
  const lines = closest.map((hit) => {
    const place = citedPlace(hit.title, hit.paragraph);
    return excerptBudget <= 0 ? place : clip(`${place} — “${clipRendered(hit.text, excerptBudget, escapeCorpusText)}”`, LIMITS.fieldValue);
  });
  return packBlocks(lines, LIMITS.fieldValue).map((value, i) => ({ name: i === 0 ? "Closest passages (they do not answer it)" : "\u200b", value }));
}

function quotesNote(answerShortened: boolean, quotesClipped: boolean): string | undefined {
  if (answerShortened) return "answer shortened to fit Discord; Sources has the full quotes";
  return quotesClipped ? "Sources has the full quotes" : undefined;
}

function answeredEmbed(answer: Answer): APIEmbed {
  const units = markedUnits(answer.answer);
  return fitEmbed(QUOTE_BUDGETS, (descriptionBudget, quoteBudget) => {
    const header = questionHeader("Q", answer.question, descriptionBudget);
    const body = fitUnits(units, descriptionBudget - header.length);
    const cited = answer.citations.filter((c) => body.markers.has(c.n));
    const quotesClipped = cited.some((c) => c.quote.length > quoteBudget);
    return {
      title: "Answer",
      color: COLORS.answer,
      description: `${header}${body.text}`,
      fields: sourcesFields(cited, quoteBudget),
      footer: { text: searchedFooter(answer.passagesSearched, answer.milliseconds, quotesNote(body.shortened, quotesClipped)) },
    };
  });
}

function abstainedEmbed(answer: Answer): APIEmbed {
  return fitEmbed(QUOTE_BUDGETS, (descriptionBudget, excerptBudget) => {
    const header = questionHeader("Q", answer.question, descriptionBudget);
    return {
      title: "Not covered by the corpus",
      color: COLORS.abstain,
      description: `${header}${clip(answer.answer, descriptionBudget - header.length)}`,
      fields: closestFields(answer.closest, excerptBudget),
      footer: { text: searchedFooter(answer.passagesSearched, answer.milliseconds) },
    };
  });
}

export function answerButtons(answerId: string, answer: Pick<Answer, "abstained" | "citations">): ButtonRow {
  const id = (action: string) => customId("ask", action, answerId);
  const buttons = [
    ...(answer.citations.length > 0 ? [button(id(ANSWER_ACTIONS.sources), "Sources", { style: ButtonStyle.Primary })] : []),
    button(id(ANSWER_ACTIONS.up), "", { emoji: "👍" }),
    button(id(ANSWER_ACTIONS.down), "", { emoji: "👎" }),
    ...(answer.abstained ? [] : [button(id(ANSWER_ACTIONS.thread), "Follow up in thread")]),
  ];
  return buttonRow(...buttons);
}

/** The /ask reply: the cited answer (or a plain "not covered"), its Sources, and the buttons that act on it. */
export function renderAnswer(answer: Answer, answerId: string): BotMessage {
  const embed = answer.abstained ? abstainedEmbed(answer) : answeredEmbed(answer);
  return botMessage({ embeds: [embed], components: [answerButtons(answerId, answer)] });
}
