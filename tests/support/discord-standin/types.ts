import type {
  APIApplicationCommandOptionChoice,
  APIMessage,
  APIModalInteractionResponseCallbackData,
  ApplicationCommandOptionType,
  InteractionResponseType,
} from "discord-api-types/v10";

export interface SeedMember {
  id?: string;
  username: string;
  /** Gives the member the seeded "Admin" role (Administrator permission). */
  admin?: boolean;
  bot?: boolean;
  /** Extra role ids, e.g. `standin.ids.adminRoleId`. */
  roleIds?: string[];
}

export interface StandinOptions {
  /** The only token REST and IDENTIFY accept. Default "test-token". */
  token?: string;
  applicationId?: string;
  botUser?: { id?: string; username?: string };
  guild?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  /** Added on top of the seeded admin and plain member. */
  members?: SeedMember[];
  /** false → IDENTIFY with the MessageContent intent is closed with 4014, like an unapproved bot. */
  messageContentAllowed?: boolean;
  /** HELLO heartbeat interval. Short so zombie-connection handling can be exercised quickly. */
  heartbeatIntervalMs?: number;
  /** When set, interaction callbacks later than this answer 404 Unknown interaction (Discord: 3 s). */
  interactionAckDeadlineMs?: number;
  /** Default timeout of the waitFor* helpers. */
  defaultTimeoutMs?: number;
  /** Granted to the bot's role on top of what it has by default (e.g. Create Private Threads). */
  botPermissions?: bigint;
}

export interface StandinIds {
  applicationId: string;
  botUserId: string;
  guildId: string;
  channelId: string;
  everyoneRoleId: string;
  adminRoleId: string;
  botRoleId: string;
  adminUserId: string;
  memberUserId: string;
}

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordedRequest {
  /** 1-based position in arrival order. */
  seq: number;
  method: string;
  /** Path below `/api/v10`, without the query string, e.g. `/channels/1/messages`. */
  path: string;
  /** The route template that handled it, e.g. `/channels/:channelId/messages`; null when unknown. */
  route: string | null;
  query: Record<string, string>;
  /** Parsed JSON body, or the `payload_json` part of a multipart body (plus any plain form fields). */
  body: unknown;
  files: RecordedFile[];
  authorization: string | null;
  status: number;
  response: unknown;
  /** Set when the status came from `failNext` rather than the route. */
  injected: boolean;
}

export interface FaultRule {
  method?: string;
  /** Concrete path (`/channels/1/messages`), a template (`/channels/:id/messages`) or a RegExp on the path. */
  path: string | RegExp;
  status: 429 | 500 | 502 | 503;
  /** How many matching calls fail. Default 1. */
  times?: number;
  /** 429 only. Seconds, sent as `Retry-After`, `X-RateLimit-Reset-After` and `retry_after`. Default 0.2. */
  retryAfterSeconds?: number;
  /** 429 only: mark the limit as global (`X-RateLimit-Global`). */
  global?: boolean;
}

/** Holds matching REST calls for `ms` before handling them: a slow Discord, or an answer kept in flight on purpose. */
export interface DelayRule {
  method?: string;
  /** As in FaultRule. */
  path: string | RegExp;
  ms: number;
  /** How many matching calls are held. Default 1. */
  times?: number;
}

/** When the stand-in saw each step of one interaction (ms since epoch), for latency measurements. */
export interface InteractionTimings {
  /** When the stand-in dispatched it. */
  createdAt: number;
  /** When the callback (reply or deferral) was accepted. */
  ackedAt: number | undefined;
  /** The first thing the user could read: a non-deferred callback, or the first edit of a deferral. */
  answeredAt: number | undefined;
  /** Callback POSTs received, refused ones included: more than 1 means the bot tried to answer twice. */
  callbackAttempts: number;
  edits: number;
  followups: number;
}

export interface InteractionResponse {
  interactionId: string;
  callbackType: InteractionResponseType;
  /** Callback `data` shallow-merged with every later edit of `@original`: what the user sees now. */
  data: Record<string, unknown>;
  /** Shorthand for `data.content`. */
  content: string | undefined;
  /** The `@original` message as stored (absent for autocomplete and modal callbacks). */
  message: APIMessage | undefined;
  deferred: boolean;
  ephemeral: boolean;
  edits: number;
  deleted: boolean;
  followups: APIMessage[];
  choices: APIApplicationCommandOptionChoice[] | undefined;
  modal: APIModalInteractionResponseCallbackData | undefined;
}

export interface WaitOptions {
  timeoutMs?: number;
}

export interface InteractionWaitOptions extends WaitOptions {
  /**
   * Keep waiting until this holds. Default: a visible response exists, i.e. any callback
   * except a deferral, or a deferral whose `@original` has been edited at least once.
   */
  until?: (response: InteractionResponse) => boolean;
}

/** Option value for the dispatch helpers; the bare form gets its type from the registered command. */
export type OptionValue =
  | string
  | number
  | boolean
  | { type: ApplicationCommandOptionType; value: string | number | boolean };

export interface InteractionTarget {
  /** Default: the seeded plain member (non-admin). */
  userId?: string;
  /** Default: the seeded text channel. */
  channelId?: string;
  guildId?: string;
  locale?: string;
}

export interface SlashCommandInput extends InteractionTarget {
  name: string;
  options?: Record<string, OptionValue>;
  subcommand?: string;
  subcommandGroup?: string;
}

export interface AutocompleteInput extends SlashCommandInput {
  /** Name of the option the user is typing in; its value is the partial text. */
  focused: string;
}

export interface ButtonInput extends Omit<InteractionTarget, "channelId"> {
  customId: string;
  /** The message carrying the button; an unknown id gets a synthetic bot message in `channelId`. */
  messageId: string;
  channelId?: string;
}

export interface ModalSubmitInput extends InteractionTarget {
  customId: string;
  fields: Record<string, string>;
  /** Set when the modal was opened from a component on this message. */
  messageId?: string;
}

export interface UserMessageInput {
  channelId?: string;
  content: string;
  /** Default: the seeded plain member. */
  authorId?: string;
  bot?: boolean;
  /** Attachment ids from `addAttachment`. */
  attachmentIds?: string[];
  /** User ids mentioned in addition to `<@id>` tokens found in the content. */
  mentions?: string[];
  replyToMessageId?: string;
}

export interface GatewayStats {
  connections: { url: string; at: number }[];
  identifies: { intents: number; shard: [number, number] | undefined; at: number }[];
  resumes: { sessionId: string; seq: number; accepted: boolean; at: number }[];
  heartbeats: number;
  /** Close codes the stand-in used, plus codes clients closed with. */
  closes: { by: "server" | "client"; code: number; at: number }[];
}
