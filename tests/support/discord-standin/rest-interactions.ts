import { InteractionResponseType, InteractionType, MessageFlags, type APIMessage } from "discord-api-types/v10";
import {
  apiError,
  applyEdit,
  asMessageBody,
  buildMessage,
  invalidFormBody,
  isEphemeral,
  isRecord,
  validateMessageBody,
  type MessageBody,
} from "./messages.js";
import { failure, noContent, ok, type Route, type RouteContext, type RouteResult } from "./route-kit.js";
import type { InteractionRecord } from "./state.js";

const REPLY_FLAGS =
  MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

const wrongType = () =>
  failure(
    invalidFormBody([
      { path: ["type"], code: "INTERACTION_RESPONSE_TYPE_INVALID", message: "Invalid interaction response type for this interaction" },
    ]),
  );

function replyBody(data: Record<string, unknown>): MessageBody {
  const body = asMessageBody(data);
  return { ...body, flags: (body.flags ?? 0) & REPLY_FLAGS };
}

/** Creates the reply message; ephemeral replies exist (for @original) but never show in the channel. */
function createReply(ctx: RouteContext, record: InteractionRecord, body: MessageBody): APIMessage {
  const message = buildMessage(ctx.state, {
    channelId: record.channelId,
    authorId: ctx.state.ids.botUserId,
    body,
    files: ctx.files,
    interaction: record,
  });
  ctx.state.storeMessage(message, !isEphemeral(message));
  ctx.dispatches.messageCreate(message);
  return message;
}

function validateChoices(data: Record<string, unknown>): RouteResult | null {
  const choices: unknown[] = Array.isArray(data.choices) ? data.choices : [];
  const problems: Parameters<typeof invalidFormBody>[0] = [];
  if (choices.length > 25) problems.push({ path: ["data", "choices"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
  choices.forEach((choice, index) => {
    const name = isRecord(choice) ? choice.name : undefined;
    const value = isRecord(choice) ? choice.value : undefined;
    if (typeof name !== "string" || name.length < 1 || name.length > 100) {
      problems.push({ path: ["data", "choices", index, "name"], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
    }
    if (typeof value === "string" ? value.length > 100 : typeof value !== "number") {
      problems.push({ path: ["data", "choices", index, "value"], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
    }
  });
  return problems.length > 0 ? failure(invalidFormBody(problems)) : null;
}

function validateModal(data: Record<string, unknown>): RouteResult | null {
  const problems: Parameters<typeof invalidFormBody>[0] = [];
  if (typeof data.title !== "string" || data.title.length < 1 || data.title.length > 45) {
    problems.push({ path: ["data", "title"], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 45 in length." });
  }
  if (typeof data.custom_id !== "string" || data.custom_id.length < 1 || data.custom_id.length > 100) {
    problems.push({ path: ["data", "custom_id"], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
  }
  const count = Array.isArray(data.components) ? data.components.length : 0;
  if (count < 1 || count > 5) {
    problems.push({ path: ["data", "components"], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 5 in length." });
  }
  return problems.length > 0 ? failure(invalidFormBody(problems)) : null;
}

/** Applies one callback; returns an error result, or null once `record` holds the response. */
function applyCallback(ctx: RouteContext, record: InteractionRecord, type: unknown, data: Record<string, unknown>): RouteResult | null {
  const isAutocomplete = record.type === InteractionType.ApplicationCommandAutocomplete;
  const source = record.sourceMessageId !== undefined ? ctx.state.messages.get(record.sourceMessageId) : undefined;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource: {
      if (isAutocomplete) return wrongType();
      const body = replyBody(data);
      const invalid = validateMessageBody(body, ctx.files, true);
      if (invalid) return failure(invalid);
      record.originalMessageId = createReply(ctx, record, body).id;
      return null;
    }
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      if (isAutocomplete) return wrongType();
      const flags = (replyBody(data).flags ?? 0) | MessageFlags.Loading;
      record.originalMessageId = createReply(ctx, record, { content: "", flags }).id;
      return null;
    }
    case InteractionResponseType.DeferredMessageUpdate:
    case InteractionResponseType.UpdateMessage: {
      if (!source) return wrongType();
      record.originalMessageId = source.id;
      if (type === InteractionResponseType.DeferredMessageUpdate) return null;
      const body = asMessageBody(data);
      const invalid = validateMessageBody(body, ctx.files, false);
      if (invalid) return failure(invalid);
      applyEdit(ctx.state, source, body, ctx.files);
      ctx.dispatches.messageUpdate(source);
      return null;
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      return isAutocomplete ? validateChoices(data) : wrongType();
    case InteractionResponseType.Modal:
      if (isAutocomplete || record.type === InteractionType.ModalSubmit) return wrongType();
      return validateModal(data);
    default:
      return wrongType();
  }
}

function callback(ctx: RouteContext): RouteResult {
  const record = ctx.state.interactions.get(ctx.params.interactionId ?? "");
  if (!record || record.token !== ctx.params.token) return failure(apiError(404, 10062, "Unknown interaction"));
  record.callbackAttempts += 1;
  const deadline = ctx.state.interactionAckDeadlineMs;
  if (deadline !== undefined && Date.now() - record.createdAt > deadline) return failure(apiError(404, 10062, "Unknown interaction"));
  if (record.callback) return failure(apiError(400, 40060, "Interaction has already been acknowledged."));
  const body = isRecord(ctx.body) ? ctx.body : {};
  const data = isRecord(body.data) ? body.data : {};
  const error = applyCallback(ctx, record, body.type, data);
  if (error) return error;
  record.callback = { type: body.type as InteractionResponseType, data, at: Date.now() };
  if (ctx.query.get("with_response") !== "true") return noContent;
  const message = record.originalMessageId !== undefined ? ctx.state.messages.get(record.originalMessageId) : undefined;
  return ok({
    interaction: {
      id: record.id,
      type: record.type,
      ...(message
        ? {
            response_message_id: message.id,
            response_message_loading: ((message.flags ?? 0) & MessageFlags.Loading) !== 0,
            response_message_ephemeral: isEphemeral(message),
          }
        : {}),
    },
    resource: { type: body.type, ...(message ? { message } : {}) },
  });
}

function withWebhook(handler: (ctx: RouteContext, record: InteractionRecord) => RouteResult) {
  return (ctx: RouteContext): RouteResult => {
    const record = ctx.state.interactionByToken(ctx.params.token ?? "");
    if (!record || ctx.params.appId !== ctx.state.ids.applicationId) return failure(apiError(404, 10015, "Unknown Webhook"));
    return handler(ctx, record);
  };
}

function withWebhookMessage(handler: (ctx: RouteContext, record: InteractionRecord, message: APIMessage, isOriginal: boolean) => RouteResult) {
  return withWebhook((ctx, record) => {
    const wanted = ctx.params.messageId === "@original" ? record.originalMessageId : ctx.params.messageId;
    const isOriginal = wanted !== undefined && wanted === record.originalMessageId;
    const message = wanted !== undefined ? ctx.state.messages.get(wanted) : undefined;
    if (!message || (!isOriginal && !record.followupIds.includes(message.id))) return failure(apiError(404, 10008, "Unknown Message"));
    return handler(ctx, record, message, isOriginal);
  });
}

function editWebhookMessage(ctx: RouteContext, record: InteractionRecord, message: APIMessage, isOriginal: boolean): RouteResult {
  const body = asMessageBody(ctx.body);
  const invalid = validateMessageBody(body, ctx.files, false);
  if (invalid) return failure(invalid);
  applyEdit(ctx.state, message, body, ctx.files);
  if (isOriginal) {
    record.edits.push({ ...body });
    record.editTimes.push(Date.now());
  }
  ctx.dispatches.messageUpdate(message);
  return ok(message);
}

function followup(ctx: RouteContext, record: InteractionRecord): RouteResult {
  if (!record.callback) return failure(apiError(404, 10015, "Unknown Webhook"));
  const body = replyBody(isRecord(ctx.body) ? ctx.body : {});
  const invalid = validateMessageBody(body, ctx.files, true);
  if (invalid) return failure(invalid);
  const original = record.originalMessageId !== undefined ? ctx.state.messages.get(record.originalMessageId) : undefined;
  const stillThinking =
    record.callback.type === InteractionResponseType.DeferredChannelMessageWithSource && record.edits.length === 0;
  // Discord turns the first follow-up after a deferral into the "is thinking…" message itself.
  if (stillThinking && original && !record.deleted) return editWebhookMessage(ctx, record, original, true);
  const message = createReply(ctx, record, body);
  record.followupIds.push(message.id);
  return ok(message);
}

const webhookMessage = "/webhooks/:appId/:token/messages/:messageId";

export const interactionRoutes: Route[] = [
  { method: "POST", template: "/interactions/:interactionId/:token/callback", auth: false, handle: callback },
  { method: "POST", template: "/webhooks/:appId/:token", auth: false, handle: withWebhook(followup) },
  { method: "GET", template: webhookMessage, auth: false, handle: withWebhookMessage((_ctx, _record, message) => ok(message)) },
  { method: "PATCH", template: webhookMessage, auth: false, handle: withWebhookMessage(editWebhookMessage) },
  {
    method: "DELETE",
    template: webhookMessage,
    auth: false,
    handle: withWebhookMessage((ctx, record, message, isOriginal) => {
      ctx.state.removeMessage(message.id);
      if (isOriginal) record.deleted = true;
      ctx.dispatches.messageDelete(message);
      return noContent;
    }),
  },
];
