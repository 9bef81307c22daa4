import { ButtonStyle } from "discord.js";
import type { Answer } from "../../answer/types.js";
import { splitSentences } from "../../corpus/sentences.js";
import { customId } from "../custom-id.js";
import { LIMITS } from "../limits.js";
import { clip, clipRendered, echoUserText, escapeCorpusText } from "../text.js";
import { ANSWER_ACTIONS } from "./answer.js";
import { markedUnits } from "./marked-text.js";
import { botMessage, button, buttonRow, type BotMessage } from "./message.js";
import { citedPlace, sourceLine } from "./sources.js";

/** How long each quote in a follow-up's Sources may be; the Sources button shows them in full. */
export const FOLLOW_UP_QUOTE_BUDGET = 300;
const EXCERPT_BUDGET = 200;
const RESOLVED_BUDGET = 600;

/** A piece of a reply that is never cut: a sentence, or one Sources line. `separator` joins it to the piece before. */
interface Piece {
  readonly text: string;
  readonly separator: string;
}

/** Sentences of the answer, each carrying the markers of the unit it ends, so any cut falls between sentences. */
function answerPieces(answer: string): Piece[] {
  const pieces: Piece[] = [];
  for (const unit of markedUnits(answer)) {
    const sentences = splitSentences(unit.text);
    const parts = sentences.length > 0 ? sentences : [unit.text];
    parts.forEach((sentence, i) => {
      const markers = i === parts.length - 1 && unit.markers.length > 0 ? ` ${unit.markers.map((n) => `[${n}]`).join("")}` : "";
      const text = `${clipRendered(sentence, LIMITS.content - markers.length, escapeCorpusText)}${markers}`;
      pieces.push({ text, separator: pieces.length === 0 ? "" : " " });
    });
  }
  return pieces;
}

/** A titled list whose title rides with its first line, so a title never ends a message on its own. */
function listPieces(title: string, lines: readonly string[]): Piece[] {
  return lines.map((line, i) => (i === 0 ? { text: `${title}\n${line}`, separator: "\n\n" } : { text: line, separator: "\n" }));
}

/** Packs pieces into as few messages of at most `max` characters as their order allows; a message starts with a piece. */
export function packPieces(pieces: readonly Piece[], max: number = LIMITS.content): string[] {
  const messages: string[] = [];
  let current = "";
  for (const piece of pieces) {
    const joined = current === "" ? piece.text : `${current}${piece.separator}${piece.text}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current !== "") messages.push(current);
    current = clip(piece.text, max);
  }
  if (current !== "") messages.push(current);
  return messages;
}

function feedbackRow(answerId: string, answer: Pick<Answer, "citations">) {
  const id = (action: string) => customId("ask", action, answerId);
  return buttonRow(
    ...(answer.citations.length > 0 ? [button(id(ANSWER_ACTIONS.sources), "Sources", { style: ButtonStyle.Primary })] : []),
    button(id(ANSWER_ACTIONS.up), "", { emoji: "👍" }),
    button(id(ANSWER_ACTIONS.down), "", { emoji: "👎" }),
  );
}

/**
 * A follow-up's reply as plain messages: the answer with its `[n]` markers, then a Sources line per marker, split
 * across as many messages as Discord's 2000 characters need, only ever between sentences or Sources lines. When the
 * conversation changed what was searched, a last line shows it (the user's words, made inert). The Sources and 👍/👎
 * buttons ride on the last message when the answer is stored under `answerId`.
 */
export function renderFollowUp(answer: Answer & { readonly resolvedQuestion: string }, answerId?: string): BotMessage[] {
  const pieces: Piece[] = [];
  if (answer.abstained) {
    pieces.push({ text: escapeCorpusText(answer.answer), separator: "" });
    const closest = answer.closest.map(
      (hit) => `• ${citedPlace(hit.title, hit.paragraph)} — “${clipRendered(hit.text, EXCERPT_BUDGET, escapeCorpusText)}”`,
    );
    pieces.push(...listPieces("**Closest passages (they do not answer it)**", closest));
  } else {
    pieces.push(...answerPieces(answer.answer));
    const lines = [...answer.citations].sort((a, b) => a.n - b.n).map((c) => sourceLine(c, FOLLOW_UP_QUOTE_BUDGET));
    pieces.push(...listPieces("**Sources**", lines));
  }
  if (answer.resolvedQuestion !== answer.question) {
    const searched = clipRendered(answer.resolvedQuestion, RESOLVED_BUDGET, echoUserText);
    pieces.push({ text: `-# Read with the conversation so far as: ${searched}`, separator: "\n\n" });
  }
  const contents = packPieces(pieces);
  return contents.map((content, i) =>
    botMessage({ content, components: i === contents.length - 1 && answerId !== undefined ? [feedbackRow(answerId, answer)] : [] }),
  );
}

export const HINTS = {
  attachmentOnly: "sitrep reads only the text of a message, not attachments: type your question and it will answer from the articles.",
  empty: "Type a question and sitrep will answer it from the articles, citing its sources.",
  mentionOnly: (botId: string) =>
    `sitrep can read only the messages that mention it here: start your follow-up with <@${botId}>. ` +
    "(Discord has not granted it the Message Content intent; an admin can turn it on in the Developer Portal.)",
} as const;

/** The first message in a follow-up thread: what the thread is for, and how to ask. */
export function threadIntro(question: string, options: { mentionOnly: boolean; botId: string; answerUrl?: string | undefined }): BotMessage {
  const about = `Follow-up questions on “${clipRendered(question, 300, echoUserText)}”`;
  const answer = options.answerUrl !== undefined ? ` (the answer: ${options.answerUrl})` : "";
  const how = options.mentionOnly
    ? `Mention <@${options.botId}> at the start of each question: sitrep can read only the messages that mention it.`
    : "Every message in this thread is a follow-up question: sitrep reads it with the conversation so far and answers with sources.";
  return botMessage({ content: `${about}${answer}. ${how}` });
}

/** The private acknowledgement of "Follow up in thread". */
export function threadOpened(threadId: string, options: { existing?: boolean; private?: boolean } = {}): string {
  if (options.existing === true) return `This answer already has a follow-up thread: <#${threadId}>. Ask your follow-up there.`;
  const kind = options.private === true ? "Private follow-up thread" : "Follow-up thread";
  const who = options.private === true ? " Only the people in it can see it; add teammates by mentioning them there." : "";
  return `${kind} opened: <#${threadId}>. Every message there is answered with this answer in mind.${who}`;
}
