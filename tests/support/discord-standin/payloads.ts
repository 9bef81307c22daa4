import {
  ApplicationFlags,
  ChannelType,
  type ChannelFlags,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  Locale,
  ThreadAutoArchiveDuration,
  type APIApplication,
  type APIGuild,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIThreadChannel,
  type GuildSystemChannelFlags,
  type GatewayGuildCreateDispatchData,
  type GatewayMessageCreateDispatchData,
  type GatewayReadyDispatchData,
} from "discord-api-types/v10";
import { isoNow } from "./ids.js";
import type { StandinState, StoredChannel } from "./state.js";

/** Member fields without `user`, the shape MESSAGE_CREATE and resolved interaction data use. */
export function memberFields(state: StandinState, userId: string): Omit<APIGuildMember, "user"> & { joined_at: string } {
  const member = state.members.get(userId);
  return {
    nick: member?.nick ?? null,
    avatar: null,
    roles: member?.roles ?? [],
    joined_at: member?.joinedAt ?? isoNow(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function memberPayload(state: StandinState, userId: string): APIGuildMember {
  return { ...memberFields(state, userId), user: state.user(userId) };
}

export function interactionMemberPayload(state: StandinState, userId: string): APIInteractionGuildMember {
  return {
    ...memberPayload(state, userId),
    user: state.user(userId),
    permissions: state.permissionsOf(userId).toString(),
  };
}

export function guildPayload(state: StandinState): APIGuild {
  return {
    id: state.ids.guildId,
    name: state.guildName,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: state.ids.adminUserId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [...state.roles.values()],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

function isThread(channel: StoredChannel): channel is APIThreadChannel {
  return (
    channel.type === ChannelType.PublicThread ||
    channel.type === ChannelType.PrivateThread ||
    channel.type === ChannelType.AnnouncementThread
  );
}

export function guildCreatePayload(state: StandinState): GatewayGuildCreateDispatchData {
  const channels = [...state.channels.values()];
  return {
    ...guildPayload(state),
    joined_at: state.members.get(state.ids.botUserId)?.joinedAt ?? isoNow(),
    large: false,
    unavailable: false,
    member_count: state.members.size,
    voice_states: [],
    members: [...state.members.keys()].map((id) => memberPayload(state, id)),
    channels: channels.flatMap((c) => (c.type === ChannelType.GuildText ? [c] : [])),
    threads: channels.filter(isThread).filter((t) => t.thread_metadata?.archived !== true),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function applicationFlags(state: StandinState): ApplicationFlags {
  // An approved (or under-100-guilds) bot carries the "limited" flag; unapproved ones carry none.
  return state.messageContentAllowed ? ApplicationFlags.GatewayMessageContentLimited : (0 as ApplicationFlags);
}

export function applicationPayload(state: StandinState): APIApplication {
  return {
    id: state.ids.applicationId,
    name: state.botUser.username,
    icon: null,
    description: "",
    bot_public: false,
    bot_require_code_grant: false,
    bot: state.botUser,
    summary: "",
    verify_key: "0".repeat(64),
    team: null,
    flags: applicationFlags(state),
    flags_new: String(applicationFlags(state)),
    approximate_guild_count: 1,
  };
}

export function readyPayload(state: StandinState, sessionId: string, resumeUrl: string): GatewayReadyDispatchData {
  return {
    v: 10,
    user: state.botUser,
    guilds: [{ id: state.ids.guildId, unavailable: true }],
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard: [0, 1],
    application: {
      id: state.ids.applicationId,
      flags: applicationFlags(state),
      flags_new: String(applicationFlags(state)),
    },
  };
}

export function newThreadPayload(
  state: StandinState,
  input: {
    id: string;
    parentId: string;
    name: string;
    ownerId?: string;
    type?: ChannelType;
    autoArchive?: ThreadAutoArchiveDuration;
  },
): APIThreadChannel {
  const type = input.type === ChannelType.PrivateThread ? ChannelType.PrivateThread : ChannelType.PublicThread;
  const now = isoNow();
  return {
    id: input.id,
    type,
    guild_id: state.ids.guildId,
    parent_id: input.parentId,
    owner_id: input.ownerId ?? state.ids.botUserId,
    name: input.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0 as ChannelFlags,
    thread_metadata: {
      archived: false,
      auto_archive_duration: input.autoArchive ?? ThreadAutoArchiveDuration.OneDay,
      archive_timestamp: now,
      locked: false,
      create_timestamp: now,
    },
  };
}

/** REST message objects carry no guild fields; gateway MESSAGE_* events add `guild_id` and `member`. */
export function messageEventPayload(state: StandinState, message: APIMessage): GatewayMessageCreateDispatchData {
  const member = state.members.get(message.author.id);
  if (!member || message.webhook_id !== undefined) return { ...message, guild_id: state.ids.guildId };
  return { ...message, guild_id: state.ids.guildId, member: memberFields(state, message.author.id) };
}
