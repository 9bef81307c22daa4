import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ComponentType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandOptionChoice,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIInteractionDataResolvedChannel,
  type APIMessage,
  type APIMessageComponentGuildInteraction,
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmitGuildInteraction,
} from "discord-api-types/v10";
import { isoNow, randomToken, snowflake } from "./ids.js";
import { interactionMemberPayload, memberFields } from "./payloads.js";
import type { InteractionRecord, StandinState } from "./state.js";
import type {
  AutocompleteInput,
  ButtonInput,
  InteractionResponse,
  InteractionTarget,
  ModalSubmitInput,
  OptionValue,
  SlashCommandInput,
} from "./types.js";

type BasicOptionSchema = Exclude<
  APIApplicationCommandOption,
  { type: ApplicationCommandOptionType.Subcommand | ApplicationCommandOptionType.SubcommandGroup }
>;

function commonFields(state: StandinState, target: InteractionTarget) {
  const guildId = target.guildId ?? state.ids.guildId;
  if (guildId !== state.ids.guildId) throw new Error(`Stand-in only knows guild ${state.ids.guildId}, not ${guildId}`);
  const channelId = target.channelId ?? state.ids.channelId;
  const userId = target.userId ?? state.ids.memberUserId;
  return {
    id: snowflake(),
    token: randomToken("interaction-token"),
    application_id: state.ids.applicationId,
    version: 1 as const,
    guild_id: guildId,
    guild: { id: guildId, features: [], locale: Locale.EnglishUS },
    channel_id: channelId,
    channel: state.channel(channelId),
    member: interactionMemberPayload(state, userId),
    app_permissions: state.permissionsOf(state.ids.botUserId).toString(),
    locale: (target.locale ?? Locale.EnglishUS) as Locale,
    guild_locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

/** The option list the user filled in, following the subcommand path through the registered schema. */
function schemaOptions(state: StandinState, input: SlashCommandInput): BasicOptionSchema[] | undefined {
  const command = state.findCommand(input.name, input.guildId ?? state.ids.guildId);
  if (!command) return undefined;
  let options: APIApplicationCommandOption[] = command.options ?? [];
  for (const step of [input.subcommandGroup, input.subcommand]) {
    if (step === undefined) continue;
    const next = options.find((o) => o.name === step);
    if (!next || !("options" in next)) throw new Error(`/${input.name} has no subcommand (group) "${step}"`);
    options = next.options ?? [];
  }
  const nested = options.filter((o) => o.type <= ApplicationCommandOptionType.SubcommandGroup).map((o) => o.name);
  if (nested.length > 0) throw new Error(`/${input.name} needs subcommand (group) to be one of: ${nested.join(", ")}`);
  return options as BasicOptionSchema[];
}

/** Values arrive typed the way Discord sends them, whatever JS type the test used. */
function coerce(type: ApplicationCommandOptionType, value: string | number | boolean): string | number | boolean {
  if (type === ApplicationCommandOptionType.Integer || type === ApplicationCommandOptionType.Number) return Number(value);
  if (type === ApplicationCommandOptionType.Boolean) return value === true || value === "true";
  return String(value);
}

function inferType(value: OptionValue, schema: BasicOptionSchema | undefined): ApplicationCommandOptionType {
  if (typeof value === "object") return value.type;
  if (schema) return schema.type;
  if (typeof value === "boolean") return ApplicationCommandOptionType.Boolean;
  if (typeof value === "number") return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

function resolve(
  state: StandinState,
  resolved: APIInteractionDataResolved,
  invokerId: string,
  type: ApplicationCommandOptionType,
  id: string,
): void {
  const isUser = type === ApplicationCommandOptionType.User || (type === ApplicationCommandOptionType.Mentionable && state.users.has(id));
  if (isUser) {
    resolved.users = { ...resolved.users, [id]: state.user(id) };
    if (state.members.has(id)) {
      const member = { ...memberFields(state, id), permissions: state.permissionsOf(id).toString() };
      resolved.members = { ...resolved.members, [id]: member };
    }
  } else if (type === ApplicationCommandOptionType.Channel) {
    const channel = state.channel(id);
    const permissions = state.permissionsOf(invokerId).toString();
    const threadFields = "thread_metadata" in channel ? { parent_id: channel.parent_id, thread_metadata: channel.thread_metadata } : {};
    const entry = { id, name: channel.name, type: channel.type, permissions, ...threadFields } as APIInteractionDataResolvedChannel;
    resolved.channels = { ...resolved.channels, [id]: entry };
  } else if (type === ApplicationCommandOptionType.Role || type === ApplicationCommandOptionType.Mentionable) {
    const role = state.roles.get(id);
    if (!role) throw new Error(`Stand-in has no role or user ${id}`);
    resolved.roles = { ...resolved.roles, [id]: role };
  } else if (type === ApplicationCommandOptionType.Attachment) {
    const stored = state.attachments.get(id);
    if (!stored) throw new Error(`Stand-in has no attachment ${id}; register it with addAttachment`);
    resolved.attachments = { ...resolved.attachments, [id]: stored.attachment };
  }
}

function buildOptions(state: StandinState, input: SlashCommandInput, focused?: string) {
  const schema = schemaOptions(state, input);
  const given = input.options ?? {};
  if (schema) {
    const unknown = Object.keys(given).filter((name) => !schema.some((o) => o.name === name));
    if (unknown.length > 0) throw new Error(`/${input.name} has no option(s) ${unknown.join(", ")}`);
    const missing = schema.filter((o) => o.required === true && !(o.name in given) && focused === undefined);
    if (missing.length > 0) throw new Error(`/${input.name} requires option(s) ${missing.map((o) => o.name).join(", ")}`);
  }
  const resolved: APIInteractionDataResolved = {};
  const invokerId = input.userId ?? state.ids.memberUserId;
  let basic = Object.entries(given).map(([name, raw]) => {
    const type = inferType(raw, schema?.find((o) => o.name === name));
    const rawValue = typeof raw === "object" ? raw.value : raw;
    // The focused option carries the partial text exactly as typed.
    const value = name === focused ? String(rawValue) : coerce(type, rawValue);
    if (name !== focused) resolve(state, resolved, invokerId, type, String(value));
    return { name, type, value, ...(name === focused ? { focused: true } : {}) } as APIApplicationCommandInteractionDataBasicOption;
  });
  if (focused !== undefined && !basic.some((o) => o.name === focused)) {
    basic = [...basic, { name: focused, type: ApplicationCommandOptionType.String, value: "", focused: true }];
  }
  let options: APIApplicationCommandInteractionDataOption[] = basic;
  if (input.subcommand !== undefined) {
    options = [{ name: input.subcommand, type: ApplicationCommandOptionType.Subcommand, options: basic }];
  }
  if (input.subcommandGroup !== undefined) {
    const group = { name: input.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options };
    options = [group as APIApplicationCommandInteractionDataOption];
  }
  return { options, resolved: Object.keys(resolved).length > 0 ? resolved : undefined };
}

function commandData(state: StandinState, input: SlashCommandInput, focused?: string) {
  const command = state.findCommand(input.name, input.guildId ?? state.ids.guildId);
  const { options, resolved } = buildOptions(state, input, focused);
  return {
    id: command?.id ?? snowflake(),
    name: input.name,
    type: ApplicationCommandType.ChatInput as const,
    options,
    ...(resolved ? { resolved } : {}),
    ...(command?.guild_id !== undefined ? { guild_id: command.guild_id } : {}),
  };
}

export function slashCommandPayload(state: StandinState, input: SlashCommandInput): APIChatInputApplicationCommandGuildInteraction {
  return { ...commonFields(state, input), type: InteractionType.ApplicationCommand, data: commandData(state, input) };
}

export function autocompletePayload(state: StandinState, input: AutocompleteInput): APIApplicationCommandAutocompleteGuildInteraction {
  return {
    ...commonFields(state, input),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: commandData(state, input, input.focused),
  };
}

/** A bot message carrying the button, for tests that press a button the bot never posted. */
function syntheticButtonMessage(state: StandinState, channelId: string, customId: string): APIMessage {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: state.botUser,
    content: "",
    timestamp: isoNow(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0 as MessageFlags,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: customId, label: customId }],
      },
    ],
  };
}

export function buttonPayload(state: StandinState, input: ButtonInput): APIMessageComponentGuildInteraction {
  let message = state.messages.get(input.messageId);
  if (!message) {
    message = { ...syntheticButtonMessage(state, input.channelId ?? state.ids.channelId, input.customId), id: input.messageId };
    state.storeMessage(message, true);
  }
  return {
    ...commonFields(state, { ...input, channelId: message.channel_id }),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: input.customId, component_type: ComponentType.Button },
  };
}

export function modalSubmitPayload(state: StandinState, input: ModalSubmitInput): APIModalSubmitGuildInteraction {
  const message = input.messageId !== undefined ? state.messages.get(input.messageId) : undefined;
  return {
    ...commonFields(state, message ? { ...input, channelId: message.channel_id } : input),
    type: InteractionType.ModalSubmit,
    ...(message ? { message } : {}),
    data: {
      custom_id: input.customId,
      components: Object.entries(input.fields).map(([customId, value]) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
      })),
    },
  };
}

export function recordInteraction(state: StandinState, payload: APIInteraction, name: string, sourceMessageId?: string): InteractionRecord {
  const record: InteractionRecord = {
    id: payload.id,
    token: payload.token,
    type: payload.type,
    channelId: payload.channel_id ?? state.ids.channelId,
    guildId: payload.guild_id ?? state.ids.guildId,
    userId: payload.member?.user.id ?? payload.user?.id ?? state.ids.memberUserId,
    name,
    payload,
    createdAt: Date.now(),
    ...(sourceMessageId !== undefined ? { sourceMessageId } : {}),
    edits: [],
    editTimes: [],
    callbackAttempts: 0,
    followupIds: [],
    deleted: false,
  };
  state.interactions.set(record.id, record);
  return record;
}

export function responseSnapshot(state: StandinState, record: InteractionRecord): InteractionResponse | undefined {
  const callback = record.callback;
  if (!callback) return undefined;
  const data = record.edits.reduce<Record<string, unknown>>((merged, edit) => ({ ...merged, ...edit }), { ...callback.data });
  const message = record.originalMessageId !== undefined ? state.messages.get(record.originalMessageId) : undefined;
  // Ephemerality is fixed by the first response; later edits cannot change it.
  const flags = message?.flags ?? (typeof data.flags === "number" ? data.flags : 0);
  return {
    interactionId: record.id,
    callbackType: callback.type,
    data,
    content: typeof data.content === "string" ? data.content : message?.content,
    message,
    deferred:
      callback.type === InteractionResponseType.DeferredChannelMessageWithSource ||
      callback.type === InteractionResponseType.DeferredMessageUpdate,
    ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
    edits: record.edits.length,
    deleted: record.deleted,
    followups: record.followupIds.flatMap((id) => {
      const followup = state.messages.get(id);
      return followup ? [followup] : [];
    }),
    choices: Array.isArray(data.choices) ? (data.choices as APIApplicationCommandOptionChoice[]) : undefined,
    modal: callback.type === InteractionResponseType.Modal ? (callback.data as unknown as APIModalInteractionResponseCallbackData) : undefined,
  };
}

export function isVisible(response: InteractionResponse): boolean {
  return !response.deferred || response.edits > 0;
}
