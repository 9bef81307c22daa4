import { LIMITS } from "../limits.js";
import { clip } from "../text.js";
import { botMessage, COLORS, type BotMessage } from "./message.js";

export interface HelpEntry {
  readonly usage: string;
  readonly description: string;
  readonly example: string;
}

/** The /help reply: each command, what it does, and an example to copy. */
export function renderHelp(entries: readonly HelpEntry[]): BotMessage {
  return botMessage({
    embeds: [
      {
        title: "sitrep: cited answers from the team's article corpus",
        color: COLORS.info,
        description:
          "Every sentence of an answer comes word for word from an article and carries a marker like [1] pointing to " +
          "its source paragraph. When the articles do not cover a question, sitrep says so instead of guessing.",
        fields: entries.slice(0, LIMITS.fields).map((entry) => ({
          name: clip(entry.usage, LIMITS.fieldName),
          value: clip(`${entry.description}\nExample: \`${entry.example}\``, LIMITS.fieldValue),
        })),
      },
    ],
  });
}
