import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from "discord.js";
import { LIMITS } from "../limits.js";
import { clip } from "../text.js";

/** Sent with every message: nothing the bot writes may ping anyone, whatever text it echoes. */
export const NO_MENTIONS = { parse: [] as [] };

export type ButtonRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message body the bot sends; plain data, so renderers stay pure and testable. */
export interface BotMessage {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly components: ButtonRow[];
  readonly allowedMentions: typeof NO_MENTIONS;
}

export function botMessage(parts: { content?: string; embeds?: APIEmbed[]; components?: ButtonRow[] }): BotMessage {
  return {
    ...(parts.content !== undefined ? { content: clip(parts.content, LIMITS.content) } : {}),
    embeds: parts.embeds ?? [],
    components: parts.components ?? [],
    allowedMentions: NO_MENTIONS,
  };
}

export function textMessage(content: string): BotMessage {
  return botMessage({ content });
}

export function button(
  id: string,
  label: string,
  options: { style?: APIButtonComponentWithCustomId["style"]; emoji?: string; disabled?: boolean } = {},
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: id,
    // An emoji-only button carries no label at all: Discord rejects an empty one.
    ...(label !== "" ? { label: clip(label, LIMITS.buttonLabel) } : {}),
    style: options.style ?? ButtonStyle.Secondary,
    ...(options.emoji !== undefined ? { emoji: { name: options.emoji } } : {}),
    ...(options.disabled === true ? { disabled: true } : {}),
  };
}

export function buttonRow(...buttons: APIButtonComponentWithCustomId[]): ButtonRow {
  return { type: ComponentType.ActionRow, components: buttons.slice(0, LIMITS.buttonsPerRow) };
}

/** Accent colours, so readers tell an answer from "not in the corpus" at a glance. */
export const COLORS = { answer: 0x2b6cb0, abstain: 0x718096, info: 0x4a5568 } as const;

/** The same message, visible only to the user who triggered the interaction. */
export function ephemeral(message: BotMessage): BotMessage & { flags: MessageFlags.Ephemeral } {
  return { ...message, flags: MessageFlags.Ephemeral };
}
