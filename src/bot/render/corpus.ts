import { ButtonStyle } from "discord.js";
import type { DocumentInfo } from "../../answer/engine.js";
import type { AddOutcome, ReindexOutcome } from "../../curation/library.js";
import { customId } from "../custom-id.js";
import { boldTitle, inlineCode, pageButtons, pageOf } from "./documents.js";
import { LIMITS } from "../limits.js";
import { clip, escapeCorpusText } from "../text.js";
import { botMessage, button, buttonRow, COLORS, ephemeral, textMessage, type BotMessage } from "./message.js";

export const CORPUS_PAGE_SIZE = 10;

export function renderAdded(outcome: AddOutcome): BotMessage {
  if (outcome.kind === "duplicate") {
    const d = outcome.document;
    return ephemeral(textMessage(`Not added: the corpus already has this text as ${boldTitle(d)} (${inlineCode(d.id)}).`));
  }
  const d = outcome.document;
  return botMessage({
    embeds: [
      {
        title: "Article added",
        color: COLORS.info,
        description: `${boldTitle(d)}\n${d.paragraphs} paragraph${d.paragraphs === 1 ? "" : "s"} · id ${inlineCode(d.id)}${d.published ? ` · ${d.published}` : ""}`,
        footer: { text: "Answers cite it from now on. Remove it with /corpus remove." },
      },
    ],
  });
}

export function renderRemoveConfirm(d: DocumentInfo, key: string): BotMessage {
  return ephemeral(
    botMessage({
      content: `Remove ${boldTitle(d)} (${inlineCode(d.id)}, ${d.paragraphs} paragraphs) from the corpus? Its file is deleted and answers stop citing it.`,
      components: [
        buttonRow(
          button(customId("corpus", "remove", key), "Remove", { style: ButtonStyle.Danger }),
          button(customId("corpus", "keep"), "Keep it", { style: ButtonStyle.Secondary }),
        ),
      ],
    }),
  );
}

export function renderRemoved(d: DocumentInfo, remaining: number): BotMessage {
  return botMessage({ content: `Removed ${boldTitle(d)} (${inlineCode(d.id)}). ${remaining} document${remaining === 1 ? "" : "s"} left in the corpus.` });
}

export function renderReindexed(outcome: ReindexOutcome): BotMessage {
  const skipped = outcome.kind === "unchanged" ? outcome.skipped : outcome.report.skipped;
  const skippedLines = skipped.slice(0, 10).map((s) => `• ${inlineCode(s.file)}: ${escapeCorpusText(clip(s.reason, 150))}`);
  const summary =
    outcome.kind === "unchanged"
      ? `The index was already up to date: ${outcome.documents} documents.`
      : [
          `Re-indexed in ${outcome.report.seconds.toFixed(1)} s: ${outcome.report.documents} documents, ${outcome.report.passages} passages.`,
          changeLine("Added", outcome.report.added),
          changeLine("Changed", outcome.report.changed),
          changeLine("Removed", outcome.report.removed),
          outcome.report.rebuilt !== undefined ? `Rebuilt from scratch: ${escapeCorpusText(outcome.report.rebuilt)}.` : "",
        ]
          .filter(Boolean)
          .join("\n");
  const skippedText = skipped.length > 0 ? `\n\n${skipped.length} file${skipped.length === 1 ? "" : "s"} skipped:\n${skippedLines.join("\n")}` : "";
  return ephemeral(textMessage(clip(`${summary}${skippedText}`, LIMITS.content)));
}

function changeLine(label: string, ids: readonly string[]): string {
  if (ids.length === 0) return "";
  const shown = ids.slice(0, 10).map(inlineCode).join(", ");
  return `${label}: ${shown}${ids.length > 10 ? ` and ${ids.length - 10} more` : ""}`;
}

/** One page of the curator's view: where each document lives and when it was indexed. */
export function renderCorpusPage(documents: readonly DocumentInfo[], requestedPage: number): BotMessage {
  const { page, pages, shown } = pageOf(documents, requestedPage, CORPUS_PAGE_SIZE);
  const lines = shown.map((d) => {
    const indexed = d.indexedAt !== undefined ? ` · indexed ${d.indexedAt.slice(0, 10)}` : "";
    return `${boldTitle(d)} · ${d.paragraphs} ¶ · ${inlineCode(d.id)}\n  file ${inlineCode(d.file)}${indexed}`;
  });
  return botMessage({
    embeds: [
      {
        title: "Corpus",
        color: COLORS.info,
        description: clip(lines.join("\n") || "The corpus is empty. Add an article with /corpus add.", LIMITS.description),
        footer: { text: `Page ${page} of ${pages} · ${documents.length} document${documents.length === 1 ? "" : "s"}` },
      },
    ],
    components: pageButtons("corpus", page, pages),
  });
}
