import { ChannelType, MessageFlags, type APIMessage } from "discord-api-types/v10";
import { isThread } from "./dispatches.js";
import { snowflake } from "./ids.js";
import {
  apiError,
  applyEdit,
  asMessageBody,
  buildMessage,
  invalidFormBody,
  isRecord,
  validateMessageBody,
} from "./messages.js";
import { newThreadPayload } from "./payloads.js";
import { failure, noContent, ok, type Route, type RouteContext, type RouteResult } from "./route-kit.js";
import type { StoredChannel } from "./state.js";

/** Flags a bot may set on a plain channel message; Discord silently drops the rest (e.g. Ephemeral). */
const SENDABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

type Handler<T> = (ctx: RouteContext, found: T) => RouteResult;

function withChannel(handler: Handler<StoredChannel>) {
  return (ctx: RouteContext): RouteResult => {
    const channel = ctx.state.channels.get(ctx.params.channelId ?? "");
    return channel ? handler(ctx, channel) : failure(apiError(404, 10003, "Unknown Channel"));
  };
}

function withMessage(handler: Handler<APIMessage>) {
  return withChannel((ctx, channel) => {
    const message = ctx.state.messages.get(ctx.params.messageId ?? "");
    return message?.channel_id === channel.id ? handler(ctx, message) : failure(apiError(404, 10008, "Unknown Message"));
  });
}

function threadName(body: unknown): string | RouteResult {
  const name = isRecord(body) ? body.name : undefined;
  if (typeof name === "string" && name.length >= 1 && name.length <= 100) return name;
  return failure(invalidFormBody([{ path: ["name"], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." }]));
}

function autoArchive(body: unknown) {
  return isRecord(body) && typeof body.auto_archive_duration === "number" ? { autoArchive: body.auto_archive_duration } : {};
}

function createThread(ctx: RouteContext, parent: StoredChannel, id: string, type: ChannelType): RouteResult {
  if (parent.type !== ChannelType.GuildText) return failure(apiError(400, 50024, "Cannot execute action on this channel type"));
  const name = threadName(ctx.body);
  if (typeof name !== "string") return name;
  const thread = newThreadPayload(ctx.state, { id, parentId: parent.id, name, type, ...autoArchive(ctx.body) });
  ctx.state.addChannel(thread);
  // Discord announces the thread on the gateway too; discord.js caches it from either source.
  ctx.dispatches.threadCreate(thread, true);
  return { status: 201, body: thread };
}

function listMessages(ctx: RouteContext, channel: StoredChannel): RouteResult {
  const all = ctx.state.visibleMessages(channel.id);
  const limit = Math.min(Math.max(Number(ctx.query.get("limit") ?? 50), 1), 100);
  const before = ctx.query.get("before");
  const after = ctx.query.get("after");
  const around = ctx.query.get("around");
  const newer = (a: string, b: string) => BigInt(a) > BigInt(b);
  let picked: APIMessage[];
  if (after !== null) picked = all.filter((m) => newer(m.id, after)).slice(0, limit);
  else if (around !== null) {
    const index = all.findIndex((m) => m.id === around);
    const start = Math.max(0, (index < 0 ? all.length : index) - Math.floor(limit / 2));
    picked = all.slice(start, start + limit);
  } else {
    const older = before === null ? all : all.filter((m) => newer(before, m.id));
    picked = older.slice(-limit);
  }
  return ok([...picked].reverse());
}

function postMessage(ctx: RouteContext, channel: StoredChannel): RouteResult {
  const raw = asMessageBody(ctx.body);
  const body = { ...raw, flags: (raw.flags ?? 0) & SENDABLE_FLAGS };
  const invalid = validateMessageBody(body, ctx.files, true);
  if (invalid) return failure(invalid);
  const replyTo = body.message_reference?.message_id;
  if (replyTo !== undefined && !ctx.state.messages.has(replyTo)) {
    return failure(invalidFormBody([{ path: ["message_reference"], code: "REPLIES_UNKNOWN_MESSAGE", message: "Unknown message" }]));
  }
  if (isThread(channel) && "thread_metadata" in channel && channel.thread_metadata?.archived) {
    channel.thread_metadata.archived = false;
    ctx.dispatches.channelUpdate(channel);
  }
  const message = buildMessage(ctx.state, { channelId: channel.id, authorId: ctx.state.ids.botUserId, body, files: ctx.files });
  ctx.state.storeMessage(message, true);
  ctx.dispatches.messageCreate(message);
  return ok(message);
}

function patchChannel(ctx: RouteContext, channel: StoredChannel): RouteResult {
  const body = isRecord(ctx.body) ? ctx.body : {};
  if (typeof body.name === "string") channel.name = body.name;
  if ("thread_metadata" in channel && channel.thread_metadata) {
    const meta = channel.thread_metadata;
    if (typeof body.archived === "boolean") meta.archived = body.archived;
    if (typeof body.locked === "boolean") meta.locked = body.locked;
    if (typeof body.auto_archive_duration === "number") meta.auto_archive_duration = body.auto_archive_duration;
  } else if (channel.type === ChannelType.GuildText && (typeof body.topic === "string" || body.topic === null)) {
    channel.topic = body.topic;
  }
  ctx.dispatches.channelUpdate(channel);
  return ok(channel);
}

function deleteChannel(ctx: RouteContext, channel: StoredChannel): RouteResult {
  ctx.state.removeChannel(channel.id);
  ctx.dispatches.channelDelete(channel);
  return ok(channel);
}

const base = "/channels/:channelId";

export const channelRoutes: Route[] = [
  { method: "GET", template: base, auth: true, handle: withChannel((_ctx, channel) => ok(channel)) },
  { method: "PATCH", template: base, auth: true, handle: withChannel(patchChannel) },
  { method: "DELETE", template: base, auth: true, handle: withChannel(deleteChannel) },
  { method: "POST", template: `${base}/typing`, auth: true, handle: withChannel(() => noContent) },
  { method: "GET", template: `${base}/messages`, auth: true, handle: withChannel(listMessages) },
  { method: "POST", template: `${base}/messages`, auth: true, handle: withChannel(postMessage) },
  { method: "GET", template: `${base}/messages/:messageId`, auth: true, handle: withMessage((_ctx, message) => ok(message)) },
  {
    method: "PATCH",
    template: `${base}/messages/:messageId`,
    auth: true,
    handle: withMessage((ctx, message) => {
      if (message.author.id !== ctx.state.ids.botUserId) return failure(apiError(403, 50005, "Cannot edit a message authored by another user"));
      const body = asMessageBody(ctx.body);
      const invalid = validateMessageBody(body, ctx.files, false);
      if (invalid) return failure(invalid);
      applyEdit(ctx.state, message, body, ctx.files);
      ctx.dispatches.messageUpdate(message);
      return ok(message);
    }),
  },
  {
    method: "DELETE",
    template: `${base}/messages/:messageId`,
    auth: true,
    handle: withMessage((ctx, message) => {
      ctx.state.removeMessage(message.id);
      ctx.dispatches.messageDelete(message);
      return noContent;
    }),
  },
  {
    method: "POST",
    template: `${base}/messages/:messageId/threads`,
    auth: true,
    handle: withMessage((ctx, message) => {
      if (message.thread) return failure(apiError(400, 160004, "A thread has already been created for this message"));
      // A thread started from a message shares the message's id, as on Discord.
      const result = createThread(ctx, ctx.state.channel(message.channel_id), message.id, ChannelType.PublicThread);
      const thread = ctx.state.channels.get(message.id);
      if (thread) {
        message.thread = thread;
        message.flags = (message.flags ?? 0) | MessageFlags.HasThread;
      }
      return result;
    }),
  },
  {
    method: "POST",
    template: `${base}/threads`,
    auth: true,
    handle: withChannel((ctx, channel) => {
      const type = isRecord(ctx.body) && typeof ctx.body.type === "number" ? (ctx.body.type as ChannelType) : ChannelType.PrivateThread;
      return createThread(ctx, channel, snowflake(), type);
    }),
  },
  { method: "PUT", template: `${base}/thread-members/@me`, auth: true, handle: withChannel(() => noContent) },
  { method: "DELETE", template: `${base}/thread-members/@me`, auth: true, handle: withChannel(() => noContent) },
  {
    method: "PUT",
    template: `${base}/thread-members/:userId`,
    auth: true,
    handle: withChannel((ctx, channel) => {
      if (!isThread(channel)) return failure(apiError(400, 50024, "Cannot execute action on this channel type"));
      const userId = ctx.params.userId ?? "";
      if (!ctx.state.members.has(userId)) return failure(apiError(404, 10013, "Unknown User"));
      const members = ctx.state.threadMembers.get(channel.id) ?? new Set<string>();
      members.add(userId);
      ctx.state.threadMembers.set(channel.id, members);
      return noContent;
    }),
  },
  { method: "PUT", template: `${base}/messages/:messageId/reactions/:emoji/@me`, auth: true, handle: withMessage(() => noContent) },
  { method: "DELETE", template: `${base}/messages/:messageId/reactions/:emoji/@me`, auth: true, handle: withMessage(() => noContent) },
];
