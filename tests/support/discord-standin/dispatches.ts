import {
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type APIMessage,
  type GatewayMessageCreateDispatchData,
} from "discord-api-types/v10";
import type { Gateway } from "./gateway.js";
import { isEphemeral } from "./messages.js";
import { messageEventPayload } from "./payloads.js";
import type { StandinState, StoredChannel } from "./state.js";

export function isThread(channel: StoredChannel): boolean {
  return channel.type === ChannelType.PublicThread || channel.type === ChannelType.PrivateThread;
}

/**
 * Gateway events that follow state changes, with Discord's intent gating, so REST routes and
 * test helpers emit exactly what a real bot session would receive.
 */
export class Dispatches {
  constructor(
    private readonly state: StandinState,
    private readonly gateway: Gateway,
  ) {}

  messageCreate(message: APIMessage): void {
    if (isEphemeral(message)) return;
    this.gateway.dispatch(GatewayDispatchEvents.MessageCreate, messageEventPayload(this.state, message), {
      intent: GatewayIntentBits.GuildMessages,
      transform: (data, intents) => this.redact(data, intents),
    });
  }

  messageUpdate(message: APIMessage): void {
    if (isEphemeral(message)) return;
    this.gateway.dispatch(GatewayDispatchEvents.MessageUpdate, messageEventPayload(this.state, message), {
      intent: GatewayIntentBits.GuildMessages,
      transform: (data, intents) => this.redact(data, intents),
    });
  }

  messageDelete(message: APIMessage): void {
    if (isEphemeral(message)) return;
    this.gateway.dispatch(
      GatewayDispatchEvents.MessageDelete,
      { id: message.id, channel_id: message.channel_id, guild_id: this.state.ids.guildId },
      { intent: GatewayIntentBits.GuildMessages },
    );
  }

  threadCreate(thread: StoredChannel, newlyCreated: boolean): void {
    this.gateway.dispatch(
      GatewayDispatchEvents.ThreadCreate,
      { ...thread, ...(newlyCreated ? { newly_created: true } : {}) },
      { intent: GatewayIntentBits.Guilds },
    );
  }

  channelUpdate(channel: StoredChannel): void {
    const event = isThread(channel) ? GatewayDispatchEvents.ThreadUpdate : GatewayDispatchEvents.ChannelUpdate;
    this.gateway.dispatch(event, channel, { intent: GatewayIntentBits.Guilds });
  }

  channelDelete(channel: StoredChannel): void {
    if (isThread(channel)) {
      const parentId = "parent_id" in channel ? channel.parent_id : undefined;
      this.gateway.dispatch(
        GatewayDispatchEvents.ThreadDelete,
        { id: channel.id, guild_id: this.state.ids.guildId, parent_id: parentId, type: channel.type },
        { intent: GatewayIntentBits.Guilds },
      );
      return;
    }
    this.gateway.dispatch(GatewayDispatchEvents.ChannelDelete, channel, { intent: GatewayIntentBits.Guilds });
  }

  /** Without MessageContent, Discord blanks messages unless the bot wrote them or is mentioned. */
  private redact(data: GatewayMessageCreateDispatchData, intents: number): GatewayMessageCreateDispatchData {
    const botId = this.state.ids.botUserId;
    if ((intents & GatewayIntentBits.MessageContent) !== 0) return data;
    if (data.author.id === botId || data.mentions.some((u) => u.id === botId)) return data;
    return { ...data, content: "", embeds: [], attachments: [], components: [] };
  }
}
