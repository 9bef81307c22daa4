/**
 * A local Discord (REST + gateway) that the real discord.js Client logs into through public options only:
 *
 *   const standin = await startDiscordStandin();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standin.apiUrl } });
 *   await client.login(standin.token);
 *   const id = standin.sendSlashCommand({ name: "ask", options: { question: "why?" } });
 *   expect((await standin.waitForInteractionResponse(id)).content).toContain("because");
 *   await client.destroy(); await standin.close();
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionResponseType,
  OverwriteType,
  ThreadAutoArchiveDuration,
  type APIApplicationCommand,
  type APIAttachment,
  type APIRole,
  type APIInteraction,
  type APIMessage,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
} from "discord-api-types/v10";
import type { WebSocketOptions } from "discord.js";
import { Dispatches } from "./dispatches.js";
import { Delays, Faults } from "./faults.js";
import { Gateway } from "./gateway.js";
import { snowflake } from "./ids.js";
import {
  autocompletePayload,
  buttonPayload,
  isVisible,
  modalSubmitPayload,
  recordInteraction,
  responseSnapshot,
  slashCommandPayload,
} from "./interactions.js";
import { buildMessage, cdnUrl } from "./messages.js";
import { memberPayload, newThreadPayload } from "./payloads.js";
import { createHttpServer } from "./server.js";
import { StandinState, type StoredChannel } from "./state.js";
import type {
  AutocompleteInput,
  ButtonInput,
  DelayRule,
  FaultRule,
  GatewayStats,
  InteractionResponse,
  InteractionTimings,
  InteractionWaitOptions,
  ModalSubmitInput,
  RecordedRequest,
  SeedMember,
  SlashCommandInput,
  StandinIds,
  StandinOptions,
  UserMessageInput,
  WaitOptions,
} from "./types.js";
import { ChangeFeed } from "./waiting.js";

export type * from "./types.js";
export type { StoredChannel } from "./state.js";

/**
 * For `new Client({ ws: noIdentifyThrottle })`: @discordjs/ws spaces identifies 5 s apart, which
 * only slows down tests that force a re-identify (INVALID_SESSION, rejected RESUME).
 */
export const noIdentifyThrottle: Pick<WebSocketOptions, "buildIdentifyThrottler"> = {
  buildIdentifyThrottler: () => ({ waitForIdentify: () => Promise.resolve() }),
};

function snippet(value: unknown, max = 160): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export class Standin {
  readonly ids: StandinIds;
  readonly token: string;
  private readonly state: StandinState;
  private readonly feed = new ChangeFeed();
  private readonly faults = new Faults();
  private readonly delays = new Delays();
  private readonly recorded: RecordedRequest[] = [];
  private readonly server: Server;
  private readonly gatewayServer: Gateway;
  private readonly dispatches: Dispatches;
  private readonly defaultTimeoutMs: number;
  private requestSeq = 0;
  private port = 0;

  constructor(options: StandinOptions = {}) {
    this.state = new StandinState(options);
    this.ids = this.state.ids;
    this.token = this.state.token;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 5000;
    this.server = createHttpServer({
      state: this.state,
      faults: this.faults,
      delays: this.delays,
      feed: this.feed,
      dispatches: () => this.dispatches,
      urls: () => ({ gateway: this.gatewayUrl }),
      record: (request) => {
        this.recorded.push(request);
        this.recorded.sort((a, b) => a.seq - b.seq);
      },
      nextSeq: () => ++this.requestSeq,
    });
    this.gatewayServer = new Gateway(this.server, this.state, this.feed, {
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
      // Distinct from the discovery URL so tests can tell that discord.js honoured resume_gateway_url.
      resumeUrl: () => `${this.gatewayUrl}/resume`,
    });
    this.dispatches = new Dispatches(this.state, this.gatewayServer);
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.state.cdnBase = `http://127.0.0.1:${this.port}`;
  }

  /** Pass as `rest.api`; discord.js appends `/v10` itself. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get requests(): readonly RecordedRequest[] {
    return this.recorded;
  }

  /** Calls that no route handled; a non-empty list usually means the stand-in lacks a route the bot needs. */
  get unhandledRequests(): RecordedRequest[] {
    return this.recorded.filter((r) => r.route === null);
  }

  get gateway(): GatewayStats {
    return this.gatewayServer.stats;
  }

  get connectedSessions(): number {
    return this.gatewayServer.connectedSessions;
  }

  get globalCommands(): APIApplicationCommand[] {
    return [...this.state.globalCommands];
  }

  guildCommands(guildId = this.ids.guildId): APIApplicationCommand[] {
    return [...(this.state.guildCommands.get(guildId) ?? [])];
  }

  /** Messages visible in a channel or thread, oldest first. */
  messages(channelId = this.ids.channelId): APIMessage[] {
    return this.state.visibleMessages(channelId);
  }

  /** The users added to a thread (PUT /channels/:id/thread-members/:userId), in the order they were added. */
  threadMembers(threadId: string): string[] {
    return [...(this.state.threadMembers.get(threadId) ?? [])];
  }

  message(id: string): APIMessage | undefined {
    return this.state.messages.get(id);
  }

  channel(id: string): StoredChannel | undefined {
    return this.state.channels.get(id);
  }

  interactionResponse(interactionId: string): InteractionResponse | undefined {
    const record = this.state.interactions.get(interactionId);
    return record ? responseSnapshot(this.state, record) : undefined;
  }

  interactionTimings(interactionId: string): InteractionTimings | undefined {
    const record = this.state.interactions.get(interactionId);
    if (!record) return undefined;
    const deferred =
      record.callback?.type === InteractionResponseType.DeferredChannelMessageWithSource ||
      record.callback?.type === InteractionResponseType.DeferredMessageUpdate;
    return {
      createdAt: record.createdAt,
      ackedAt: record.callback?.at,
      answeredAt: deferred ? record.editTimes[0] : record.callback?.at,
      callbackAttempts: record.callbackAttempts,
      edits: record.edits.length,
      followups: record.followupIds.length,
    };
  }

  // Things users do

  sendSlashCommand(input: SlashCommandInput): string {
    return this.dispatchInteraction(slashCommandPayload(this.state, input), input.name);
  }

  sendAutocomplete(input: AutocompleteInput): string {
    return this.dispatchInteraction(autocompletePayload(this.state, input), input.name);
  }

  sendButton(input: ButtonInput): string {
    const payload = buttonPayload(this.state, input);
    return this.dispatchInteraction(payload, input.customId, payload.message.id);
  }

  sendModalSubmit(input: ModalSubmitInput): string {
    const payload = modalSubmitPayload(this.state, input);
    return this.dispatchInteraction(payload, input.customId, payload.message?.id);
  }

  sendMessage(input: UserMessageInput): APIMessage {
    const channelId = input.channelId ?? this.ids.channelId;
    this.state.channel(channelId);
    const authorId = input.authorId ?? (input.bot ? this.otherBot().id : this.ids.memberUserId);
    const author = this.state.user(authorId);
    if (input.bot && !author.bot) author.bot = true;
    const attachments = (input.attachmentIds ?? []).map((id) => {
      const stored = this.state.attachments.get(id);
      if (!stored) throw new Error(`Stand-in has no attachment ${id}; register it with addAttachment`);
      return stored.attachment;
    });
    const message = buildMessage(this.state, {
      channelId,
      authorId,
      body: {
        content: input.content,
        ...(input.replyToMessageId !== undefined ? { message_reference: { message_id: input.replyToMessageId } } : {}),
      },
      files: [],
      attachments,
      extraMentions: input.mentions ?? [],
    });
    this.state.storeMessage(message, true);
    this.dispatches.messageCreate(message);
    return message;
  }

  /** A thread a user opened; the bot learns about it through THREAD_CREATE only. */
  createThread(input: { name: string; parentId?: string; messageId?: string; ownerId?: string; private?: boolean }): APIThreadChannel {
    const parentId = input.parentId ?? this.ids.channelId;
    const thread = newThreadPayload(this.state, {
      id: input.messageId ?? snowflake(),
      parentId,
      name: input.name,
      ownerId: input.ownerId ?? this.ids.memberUserId,
      type: input.private ? ChannelType.PrivateThread : ChannelType.PublicThread,
    });
    this.state.addChannel(thread);
    const starter = input.messageId !== undefined ? this.state.messages.get(input.messageId) : undefined;
    if (starter) starter.thread = thread;
    this.dispatches.threadCreate(thread, true);
    return thread;
  }

  /** Deletes a thread or channel as a moderator would: THREAD_DELETE or CHANNEL_DELETE follows. */
  deleteChannel(channelId: string): void {
    const channel = this.state.removeChannel(channelId);
    if (!channel) throw new Error(`Stand-in has no channel ${channelId}`);
    this.dispatches.channelDelete(channel);
  }

  /**
   * A text channel an admin created; the bot learns about it through CHANNEL_CREATE. `botDenied` adds an overwrite
   * on the bot's role taking those permissions away there (what discord.js computes; REST routes do not enforce it).
   */
  createTextChannel(input: { name: string; botDenied?: bigint }): APITextChannel {
    const channel: APITextChannel = {
      id: snowflake(),
      type: ChannelType.GuildText,
      guild_id: this.ids.guildId,
      name: input.name,
      position: this.state.channels.size,
      permission_overwrites:
        input.botDenied !== undefined ? [{ id: this.ids.botRoleId, type: OverwriteType.Role, allow: "0", deny: input.botDenied.toString() }] : [],
      parent_id: null,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
      last_message_id: null,
      default_auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
    };
    this.state.addChannel(channel);
    this.gatewayServer.dispatch(GatewayDispatchEvents.ChannelCreate, channel, { intent: GatewayIntentBits.Guilds });
    return channel;
  }

  deleteThread(threadId: string): void {
    this.deleteChannel(threadId);
  }

  addMember(member: SeedMember): APIUser {
    const user = this.state.addMember(member);
    this.gatewayServer.dispatch(
      GatewayDispatchEvents.GuildMemberAdd,
      { ...memberPayload(this.state, user.id), guild_id: this.ids.guildId },
      { intent: GatewayIntentBits.GuildMembers },
    );
    return user;
  }

  /** A role an admin created (no permissions unless given); the bot learns about it through GUILD_ROLE_CREATE. */
  addRole(name: string, permissions = 0n): APIRole {
    const role = this.state.addRole(name, permissions);
    this.gatewayServer.dispatch(GatewayDispatchEvents.GuildRoleCreate, { guild_id: this.ids.guildId, role }, { intent: GatewayIntentBits.Guilds });
    return role;
  }

  /** Registers bytes served from the stand-in's CDN route; use the id in sendMessage or attachment options. */
  addAttachment(filename: string, bytes: Buffer | string, contentType = "application/octet-stream"): APIAttachment {
    const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
    const id = snowflake();
    const url = cdnUrl(this.state, "0", id, filename);
    const attachment: APIAttachment = { id, filename, content_type: contentType, size: data.length, url, proxy_url: url };
    this.state.attachments.set(id, { attachment, bytes: data });
    return attachment;
  }

  /** Escape hatch for events without a helper; goes to every session regardless of intents. */
  dispatchRaw(event: GatewayDispatchEvents, data: unknown): void {
    this.gatewayServer.dispatch(event, data);
  }

  // Faults

  failNext(rule: FaultRule): void {
    this.faults.add(rule);
  }

  clearFaults(): void {
    this.faults.clear();
    this.delays.clear();
  }

  /** Holds the next matching REST calls for `rule.ms` before answering them normally. */
  delayNext(rule: DelayRule): void {
    this.delays.add(rule);
  }

  /** 4000 and other resumable codes keep the session; 4004 and 4010–4014 end it. */
  closeGateway(code = 4000, reason = "Stand-in closed the gateway"): void {
    this.gatewayServer.closeAll(code, reason);
  }

  invalidateSession(resumable = false): void {
    this.gatewayServer.invalidateSessions(resumable);
  }

  requestReconnect(): void {
    this.gatewayServer.requestReconnect();
  }

  /** Stop acking heartbeats to make discord.js treat the connection as a zombie. */
  setHeartbeatAck(enabled: boolean): void {
    this.gatewayServer.setHeartbeatAck(enabled);
  }

  /** The next RESUMEs get INVALID_SESSION(false), forcing a fresh IDENTIFY. */
  rejectNextResume(count = 1): void {
    this.gatewayServer.rejectNextResumes(count);
  }

  // Waiting

  waitFor<T>(what: string, check: () => T | undefined | false, options: WaitOptions = {}): Promise<T> {
    return this.feed.waitFor(
      what,
      () => {
        const value = check();
        return value === false ? undefined : value;
      },
      options.timeoutMs ?? this.defaultTimeoutMs,
      () => this.describeRequests(),
    );
  }

  waitForInteractionResponse(interactionId: string, options: InteractionWaitOptions = {}): Promise<InteractionResponse> {
    const until = options.until ?? isVisible;
    return this.feed.waitFor(
      `the response to interaction ${interactionId}`,
      () => {
        const response = this.interactionResponse(interactionId);
        return response && until(response) ? response : undefined;
      },
      options.timeoutMs ?? this.defaultTimeoutMs,
      () => `Current response: ${snippet(this.interactionResponse(interactionId) ?? "none", 400)}\n${this.describeRequests()}`,
    );
  }

  /** Default predicate: any message the bot wrote. Messages already present count too. */
  waitForMessage(
    channelId = this.ids.channelId,
    predicate: (message: APIMessage) => boolean = (m) => m.author.id === this.ids.botUserId,
    options: WaitOptions = {},
  ): Promise<APIMessage> {
    return this.feed.waitFor(
      `a matching message in channel ${channelId}`,
      () => this.state.visibleMessages(channelId).find(predicate),
      options.timeoutMs ?? this.defaultTimeoutMs,
      () => {
        const lines = this.state.visibleMessages(channelId).map((m) => `  ${m.author.username}: ${snippet(m.content, 100)}`);
        return `Messages in ${channelId}:\n${lines.join("\n") || "  (none)"}\n${this.describeRequests()}`;
      },
    );
  }

  /** Already-recorded calls count, so this never races the request it waits for. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, options: WaitOptions = {}): Promise<RecordedRequest> {
    return this.feed.waitFor(
      "a matching REST request",
      () => this.recorded.find(predicate),
      options.timeoutMs ?? this.defaultTimeoutMs,
      () => this.describeRequests(),
    );
  }

  describeRequests(limit = 30): string {
    const lines = this.recorded.slice(-limit).map((r) => {
      const notes = `${r.route === null ? " (UNHANDLED)" : ""}${r.injected ? " (injected)" : ""}`;
      return `  #${r.seq} ${r.method} ${r.path} → ${r.status}${notes} ${r.body === undefined ? "" : snippet(r.body)}`;
    });
    const { identifies, resumes, connections } = this.gateway;
    return [
      `REST calls received (${this.recorded.length}, last ${Math.min(limit, this.recorded.length)}):`,
      ...(lines.length > 0 ? lines : ["  (none)"]),
      `Gateway: ${connections.length} connection(s), ${identifies.length} IDENTIFY, ${resumes.length} RESUME, ` +
        `${this.connectedSessions} connected session(s)`,
    ].join("\n");
  }

  async close(): Promise<void> {
    this.feed.close("standin.close()");
    await this.gatewayServer.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private dispatchInteraction(payload: APIInteraction, name: string, sourceMessageId?: string): string {
    recordInteraction(this.state, payload, name, sourceMessageId);
    this.gatewayServer.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return payload.id;
  }

  private otherBot(): APIUser {
    const existing = [...this.state.users.values()].find((u) => u.bot && u.id !== this.ids.botUserId);
    return existing ?? this.state.addMember({ username: "other-bot", bot: true });
  }
}

export async function startDiscordStandin(options: StandinOptions = {}): Promise<Standin> {
  const standin = new Standin(options);
  await standin.listen();
  return standin;
}
