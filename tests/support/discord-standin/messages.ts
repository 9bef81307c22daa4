import {
  AllowedMentionsTypes,
  ApplicationIntegrationType,
  EmbedType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIAllowedMentions,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIMessageTopLevelComponent,
  type APIUser,
} from "discord-api-types/v10";
import { isoNow, snowflake } from "./ids.js";
import type { InteractionRecord, StandinState } from "./state.js";
import type { RecordedFile } from "./types.js";

/** The subset of a message create/edit body the stand-in understands; anything else is ignored. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  allowed_mentions?: APIAllowedMentions;
  message_reference?: { message_id?: string; channel_id?: string };
  attachments?: { id: string | number; description?: string; filename?: string }[];
  sticker_ids?: string[];
  poll?: unknown;
  tts?: boolean;
}

export interface ApiError {
  status: number;
  body: { code: number; message: string; errors?: unknown };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asMessageBody(raw: unknown): MessageBody {
  return isRecord(raw) ? raw : {};
}

export function apiError(status: number, code: number, message: string): ApiError {
  return { status, body: { code, message } };
}

/** Discord's 50035 shape: errors nested by field path, each leaf holding `_errors`. */
export function invalidFormBody(problems: { path: (string | number)[]; code: string; message: string }[]): ApiError {
  const errors: Record<string, unknown> = {};
  for (const { path, code, message } of problems) {
    let node = errors;
    for (const key of path) {
      const child = isRecord(node[String(key)]) ? (node[String(key)] as Record<string, unknown>) : {};
      node[String(key)] = child;
      node = child;
    }
    const list = Array.isArray(node._errors) ? (node._errors as unknown[]) : [];
    list.push({ code, message });
    node._errors = list;
  }
  return { status: 400, body: { code: 50035, message: "Invalid Form Body", errors } };
}

const EMBED_LIMITS: [keyof APIEmbed | "footer.text" | "author.name", number][] = [
  ["title", 256],
  ["description", 4096],
  ["footer.text", 2048],
  ["author.name", 256],
];

function embedText(embed: APIEmbed, key: string): string {
  if (key === "footer.text") return embed.footer?.text ?? "";
  if (key === "author.name") return embed.author?.name ?? "";
  const value = (embed as Record<string, unknown>)[key];
  return typeof value === "string" ? value : "";
}

/** The limits a bot most plausibly trips over when it writes long summaries. */
export function validateMessageBody(body: MessageBody, files: RecordedFile[], isCreate: boolean): ApiError | null {
  const problems: Parameters<typeof invalidFormBody>[0] = [];
  if (typeof body.content === "string" && body.content.length > 2000) {
    problems.push({ path: ["content"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." });
  }
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) {
    problems.push({ path: ["embeds"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 10 or fewer in length." });
  }
  let total = 0;
  embeds.forEach((embed, index) => {
    for (const [key, max] of EMBED_LIMITS) {
      const text = embedText(embed, key);
      total += text.length;
      if (text.length > max) {
        const path = ["embeds", index, ...key.split(".")];
        problems.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` });
      }
    }
    const fields = embed.fields ?? [];
    if (fields.length > 25) {
      problems.push({ path: ["embeds", index, "fields"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
    }
    fields.forEach((field, fieldIndex) => {
      total += field.name.length + field.value.length;
      if (field.name.length > 256 || field.value.length > 1024) {
        const path = ["embeds", index, "fields", fieldIndex, field.name.length > 256 ? "name" : "value"];
        problems.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: "Field exceeds its maximum length." });
      }
    });
  });
  if (total > 6000) {
    problems.push({ path: ["embeds"], code: "MAX_EMBED_SIZE_EXCEEDED", message: "Embed size exceeds maximum size of 6000" });
  }
  if (problems.length > 0) return invalidFormBody(problems);

  const empty =
    !body.content &&
    embeds.length === 0 &&
    files.length === 0 &&
    (body.components ?? []).length === 0 &&
    (body.sticker_ids ?? []).length === 0 &&
    body.poll === undefined;
  return isCreate && empty ? apiError(400, 50006, "Cannot send an empty message") : null;
}

function richEmbed(embed: APIEmbed): APIEmbed {
  return { ...embed, type: EmbedType.Rich };
}

export function cdnUrl(state: StandinState, channelId: string, attachmentId: string, filename: string): string {
  return `${state.cdnBase}/attachments/${channelId}/${attachmentId}/${encodeURIComponent(filename)}`;
}

/** Uploaded files become CDN-served attachments, so the bot can download what it just posted. */
function storeUploads(state: StandinState, channelId: string, body: MessageBody, files: RecordedFile[]): APIAttachment[] {
  return files.map((file, index) => {
    const meta = body.attachments?.find((a) => String(a.id) === String(index));
    const id = snowflake();
    const attachment: APIAttachment = {
      id,
      filename: meta?.filename ?? file.name,
      ...(meta?.description !== undefined ? { description: meta.description } : {}),
      content_type: file.contentType,
      size: file.bytes.length,
      url: cdnUrl(state, channelId, id, file.name),
      proxy_url: cdnUrl(state, channelId, id, file.name),
    };
    state.attachments.set(id, { attachment, bytes: file.bytes });
    return attachment;
  });
}

function allows(allowed: APIAllowedMentions | undefined, kind: AllowedMentionsTypes, listed: string[] | undefined, id: string): boolean {
  if (allowed === undefined) return true;
  return (allowed.parse ?? []).includes(kind) || (listed ?? []).includes(id);
}

/** `mentions` lists only users that were actually pinged, so tests can assert "no pings". */
function resolveMentions(state: StandinState, body: MessageBody, extraUserIds: string[], replyAuthorId?: string) {
  const content = body.content ?? "";
  const allowed = body.allowed_mentions;
  const userIds = new Set(extraUserIds);
  for (const match of content.matchAll(/<@!?(\d+)>/g)) {
    const id = match[1] ?? "";
    if (allows(allowed, AllowedMentionsTypes.User, allowed?.users, id)) userIds.add(id);
  }
  if (replyAuthorId !== undefined && (allowed?.replied_user ?? true)) userIds.add(replyAuthorId);
  const roleIds = [...content.matchAll(/<@&(\d+)>/g)]
    .map((m) => m[1] ?? "")
    .filter((id) => allows(allowed, AllowedMentionsTypes.Role, allowed?.roles, id));
  const everyone =
    /@(everyone|here)/.test(content) &&
    (allowed === undefined || (allowed.parse ?? []).includes(AllowedMentionsTypes.Everyone));
  const mentions: APIUser[] = [...userIds].flatMap((id) => {
    const user = state.users.get(id);
    return user ? [user] : [];
  });
  return { mentions, mention_roles: roleIds, mention_everyone: everyone };
}

function interactionMetadata(state: StandinState, record: InteractionRecord): APIMessageInteractionMetadata {
  const base = {
    id: record.id,
    user: state.user(record.userId),
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: record.guildId },
  };
  if (record.type === InteractionType.MessageComponent) {
    return { ...base, type: InteractionType.MessageComponent, interacted_message_id: record.sourceMessageId ?? "" };
  }
  if (record.type === InteractionType.ModalSubmit) {
    return {
      ...base,
      type: InteractionType.ModalSubmit,
      triggering_interaction_metadata: { ...base, type: InteractionType.ApplicationCommand },
    };
  }
  return { ...base, type: InteractionType.ApplicationCommand };
}

export interface NewMessageInput {
  channelId: string;
  authorId: string;
  body: MessageBody;
  files: RecordedFile[];
  interaction?: InteractionRecord;
  extraMentions?: string[];
  attachments?: APIAttachment[];
}

export function buildMessage(state: StandinState, input: NewMessageInput): APIMessage {
  const { body, interaction } = input;
  const replyTo = body.message_reference?.message_id;
  const referenced = replyTo !== undefined ? state.messages.get(replyTo) : undefined;
  const type = interaction
    ? interaction.type === InteractionType.ApplicationCommand
      ? MessageType.ChatInputCommand
      : MessageType.Default
    : referenced
      ? MessageType.Reply
      : MessageType.Default;
  return {
    id: snowflake(),
    channel_id: input.channelId,
    author: state.user(input.authorId),
    content: body.content ?? "",
    timestamp: isoNow(),
    edited_timestamp: null,
    tts: body.tts ?? false,
    ...resolveMentions(state, body, input.extraMentions ?? [], referenced?.author.id),
    attachments: [...(input.attachments ?? []), ...storeUploads(state, input.channelId, body, input.files)],
    embeds: (body.embeds ?? []).map(richEmbed),
    components: body.components ?? [],
    pinned: false,
    type,
    flags: body.flags ?? 0,
    ...(referenced
      ? {
          message_reference: { message_id: referenced.id, channel_id: referenced.channel_id, guild_id: state.ids.guildId },
          referenced_message: referenced,
        }
      : {}),
    ...(interaction
      ? {
          webhook_id: state.ids.applicationId,
          application_id: state.ids.applicationId,
          interaction_metadata: interactionMetadata(state, interaction),
          interaction: { id: interaction.id, type: interaction.type, name: interaction.name, user: state.user(interaction.userId) },
        }
      : {}),
  };
}

/** Applies an edit in place, the way Discord treats omitted fields as "unchanged". */
export function applyEdit(state: StandinState, message: APIMessage, body: MessageBody, files: RecordedFile[]): APIMessage {
  if (body.content !== undefined) {
    message.content = body.content ?? "";
    Object.assign(message, resolveMentions(state, body, []));
  }
  if (body.embeds !== undefined) message.embeds = (body.embeds ?? []).map(richEmbed);
  if (body.components !== undefined) message.components = body.components ?? [];
  const keepEphemeral = (message.flags ?? 0) & MessageFlags.Ephemeral;
  const wasLoading = ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
  // Discord clears the loading state of a deferred reply on its first edit.
  const current = (message.flags ?? 0) & ~MessageFlags.Loading;
  message.flags = ((body.flags ?? current) & ~MessageFlags.Loading) | keepEphemeral;
  if (body.attachments !== undefined || files.length > 0) {
    const keep = new Set((body.attachments ?? message.attachments).map((a) => String(a.id)));
    const kept = message.attachments.filter((a) => keep.has(a.id));
    message.attachments = [...kept, ...storeUploads(state, message.channel_id, body, files)];
  }
  // Filling in a deferred reply is not shown as an edit.
  if (!wasLoading) message.edited_timestamp = isoNow();
  return message;
}

export function isEphemeral(message: APIMessage): boolean {
  return ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}
