import type { DocumentInfo } from "../../answer/engine.js";
import { LIMITS } from "../limits.js";
import { clip, clipRendered, escapeCorpusText } from "../text.js";
import { botMessage, COLORS, type BotMessage } from "./message.js";

/** The /passage reply: one paragraph in full (or as much as Discord allows, cut at a sentence), so anyone can check a citation. */
export function renderPassage(document: DocumentInfo, paragraph: number, text: string): BotMessage {
  const body = clipRendered(text, LIMITS.description, escapeCorpusText);
  const details = [
    `${document.id} · paragraph ${paragraph} of ${document.paragraphs}`,
    document.published,
    document.source,
    body.length < escapeCorpusText(text).length ? "shortened to fit Discord" : undefined,
  ].filter((part) => part !== undefined);
  return botMessage({
    embeds: [
      {
        title: clip(`${document.title}, ¶${paragraph}`, LIMITS.title),
        color: COLORS.info,
        description: body,
        ...(document.url !== undefined ? { url: document.url } : {}),
        footer: { text: clip(details.join(" · "), LIMITS.footer) },
      },
    ],
  });
}
