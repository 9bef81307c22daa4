import {
  ChannelType,
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
  type APIApplicationCommand,
  type APIAttachment,
  type APIInteraction,
  type APIMessage,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  type InteractionResponseType,
  type InteractionType,
  type RoleFlags,
} from "discord-api-types/v10";
import { isoNow, snowflake } from "./ids.js";
import type { SeedMember, StandinIds, StandinOptions } from "./types.js";

export type StoredChannel = APITextChannel | APIThreadChannel;

export interface StoredMember {
  userId: string;
  roles: string[];
  joinedAt: string;
  nick: string | null;
}

export interface StoredAttachment {
  attachment: APIAttachment;
  bytes: Buffer;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  guildId: string;
  userId: string;
  /** Command name, or custom id for components and modals. */
  name: string;
  payload: APIInteraction;
  createdAt: number;
  callback?: { type: InteractionResponseType; data: Record<string, unknown>; at: number };
  /** The message a component sits on (components, and modals opened from one). */
  sourceMessageId?: string;
  /** The message `@original` points at: the reply, or for update callbacks the source message. */
  originalMessageId?: string;
  edits: Record<string, unknown>[];
  /** When each edit of `@original` arrived (ms since epoch), parallel to `edits`. */
  editTimes: number[];
  /** Every POST to the callback route, including ones refused (already acknowledged, too late). */
  callbackAttempts: number;
  followupIds: string[];
  deleted: boolean;
}

const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

const BOT_PERMISSIONS =
  EVERYONE_PERMISSIONS | PermissionFlagsBits.ManageThreads | PermissionFlagsBits.ManageMessages;

function makeUser(id: string, username: string, bot: boolean): APIUser {
  return {
    id,
    username,
    discriminator: "0",
    global_name: bot ? null : username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

function makeRole(id: string, name: string, position: number, permissions: bigint, botId?: string): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position,
    permissions: permissions.toString(),
    managed: botId !== undefined,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...(botId !== undefined ? { tags: { bot_id: botId } } : {}),
  };
}

/** Everything the fake Discord knows; REST routes and gateway helpers both read and mutate it. */
export class StandinState {
  readonly token: string;
  readonly ids: StandinIds;
  readonly guildName: string;
  readonly messageContentAllowed: boolean;
  readonly interactionAckDeadlineMs: number | undefined;
  readonly users = new Map<string, APIUser>();
  readonly roles = new Map<string, APIRole>();
  readonly members = new Map<string, StoredMember>();
  readonly channels = new Map<string, StoredChannel>();
  /** Every message by id, ephemeral ones included. */
  readonly messages = new Map<string, APIMessage>();
  /** Members added to each thread through the thread-members route, by thread id. */
  readonly threadMembers = new Map<string, Set<string>>();
  /** Messages visible in each channel, oldest first (ephemeral ones never appear here). */
  readonly channelMessageIds = new Map<string, string[]>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly attachments = new Map<string, StoredAttachment>();
  /** Base URL of the CDN-like route; known only once the server listens. */
  cdnBase = "";

  constructor(options: StandinOptions) {
    this.token = options.token ?? "test-token";
    this.messageContentAllowed = options.messageContentAllowed ?? true;
    this.interactionAckDeadlineMs = options.interactionAckDeadlineMs;
    this.guildName = options.guild?.name ?? "Stand-in Guild";
    const guildId = options.guild?.id ?? snowflake();
    this.ids = {
      applicationId: options.applicationId ?? snowflake(),
      botUserId: options.botUser?.id ?? snowflake(),
      guildId,
      channelId: options.channel?.id ?? snowflake(),
      everyoneRoleId: guildId,
      adminRoleId: snowflake(),
      botRoleId: snowflake(),
      adminUserId: snowflake(),
      memberUserId: snowflake(),
    };
    this.seed(options);
  }

  private seed(options: StandinOptions): void {
    const { ids } = this;
    this.roles.set(ids.everyoneRoleId, makeRole(ids.everyoneRoleId, "@everyone", 0, EVERYONE_PERMISSIONS));
    this.roles.set(ids.botRoleId, makeRole(ids.botRoleId, "bot", 1, BOT_PERMISSIONS | (options.botPermissions ?? 0n), ids.botUserId));
    this.roles.set(ids.adminRoleId, makeRole(ids.adminRoleId, "Admin", 2, PermissionFlagsBits.Administrator));

    this.addUser(makeUser(ids.botUserId, options.botUser?.username ?? "sitrep", true), [ids.botRoleId]);
    this.addMember({ id: ids.adminUserId, username: "admin-user", admin: true });
    this.addMember({ id: ids.memberUserId, username: "plain-user" });
    for (const member of options.members ?? []) this.addMember(member);

    this.addChannel({
      id: ids.channelId,
      type: ChannelType.GuildText,
      guild_id: ids.guildId,
      name: options.channel?.name ?? "general",
      position: 0,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
      last_message_id: null,
      default_auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
    });
  }

  addRole(name: string, permissions: bigint): APIRole {
    const role = makeRole(snowflake(), name, this.roles.size, permissions);
    this.roles.set(role.id, role);
    return role;
  }

  addMember(member: SeedMember): APIUser {
    const user = makeUser(member.id ?? snowflake(), member.username, member.bot ?? false);
    const roles = [...(member.admin ? [this.ids.adminRoleId] : []), ...(member.roleIds ?? [])];
    this.addUser(user, roles);
    return user;
  }

  private addUser(user: APIUser, roles: string[]): void {
    this.users.set(user.id, user);
    this.members.set(user.id, { userId: user.id, roles, joinedAt: isoNow(), nick: null });
  }

  addChannel(channel: StoredChannel): void {
    this.channels.set(channel.id, channel);
    this.channelMessageIds.set(channel.id, this.channelMessageIds.get(channel.id) ?? []);
  }

  user(id: string): APIUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`Stand-in has no user ${id}; seed it with options.members`);
    return user;
  }

  channel(id: string): StoredChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`Stand-in has no channel ${id}`);
    return channel;
  }

  get botUser(): APIUser {
    return this.user(this.ids.botUserId);
  }

  /** Guild-level permissions only: the seed has no channel overwrites, so that is what Discord computes too. */
  permissionsOf(userId: string): bigint {
    const member = this.members.get(userId);
    if (!member) return 0n;
    let bits = BigInt(this.roles.get(this.ids.everyoneRoleId)?.permissions ?? "0");
    for (const roleId of member.roles) bits |= BigInt(this.roles.get(roleId)?.permissions ?? "0");
    return (bits & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
  }

  visibleMessages(channelId: string): APIMessage[] {
    const ids = this.channelMessageIds.get(channelId) ?? [];
    return ids.flatMap((id) => {
      const message = this.messages.get(id);
      return message ? [message] : [];
    });
  }

  storeMessage(message: APIMessage, visible: boolean): void {
    this.messages.set(message.id, message);
    if (!visible) return;
    const ids = this.channelMessageIds.get(message.channel_id) ?? [];
    ids.push(message.id);
    this.channelMessageIds.set(message.channel_id, ids);
    const channel = this.channels.get(message.channel_id);
    if (!channel) return;
    channel.last_message_id = message.id;
    if ("message_count" in channel) {
      channel.message_count = (channel.message_count ?? 0) + 1;
      channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
    }
  }

  /** Drops a channel with its messages and unlinks a thread from its starter message. */
  removeChannel(id: string): StoredChannel | undefined {
    const channel = this.channels.get(id);
    if (!channel) return undefined;
    for (const messageId of [...(this.channelMessageIds.get(id) ?? [])]) this.removeMessage(messageId);
    this.channels.delete(id);
    this.channelMessageIds.delete(id);
    const starter = this.messages.get(id);
    if (starter?.thread) delete starter.thread;
    return channel;
  }

  removeMessage(id: string): void {
    const message = this.messages.get(id);
    if (!message) return;
    this.messages.delete(id);
    const ids = this.channelMessageIds.get(message.channel_id) ?? [];
    const index = ids.indexOf(id);
    if (index >= 0) ids.splice(index, 1);
  }

  commandsFor(guildId: string | undefined): APIApplicationCommand[] {
    if (guildId === undefined) return this.globalCommands;
    const list = this.guildCommands.get(guildId) ?? [];
    this.guildCommands.set(guildId, list);
    return list;
  }

  findCommand(name: string, guildId: string): APIApplicationCommand | undefined {
    return (
      this.guildCommands.get(guildId)?.find((c) => c.name === name) ??
      this.globalCommands.find((c) => c.name === name)
    );
  }

  interactionByToken(token: string): InteractionRecord | undefined {
    for (const record of this.interactions.values()) if (record.token === token) return record;
    return undefined;
  }
}
