import {
  ChannelType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from "discord.js";
import { MAX_ITEMS } from "../answer/daily-brief.js";
import { nextDue, parseTime, validateSchedule } from "../briefing/schedule.js";
import type { StoredSchedule } from "../briefing/schedule-store.js";
import { PostRejected } from "../briefing/scheduler.js";
import { isBriefingChannel, missingPostPermissions, type Briefings } from "../bot/briefings.js";
import { renderBriefingSettings, topicsText, whenText } from "../bot/render/briefing-settings.js";
import { renderDailyBrief } from "../bot/render/daily-brief.js";
import { ephemeral, textMessage } from "../bot/render/message.js";
import { clipRendered, echoUserText } from "../bot/text.js";
import { canonicalTimeZone, timeZoneChoices } from "../bot/time-zones.js";
import { UserError } from "../errors.js";
import type { Command } from "./command.js";

const MAX_TOPIC_LENGTH = 100;
const SET_EXAMPLE = "/briefing set channel:#news time:07:30 timezone:Europe/London topics:Kursk; North Korean troops";

const echo = (raw: string) => clipRendered(raw, 60, echoUserText);

/** Manage Server is asked of the member again here: `default_member_permissions` is only what Discord shows by default. */
function managedGuild(interaction: ChatInputCommandInteraction): string {
  if (!interaction.inGuild()) throw new UserError("NOT_ALLOWED", "/briefing sets a server's daily brief: use it in a server, not in direct messages.");
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError("NOT_ALLOWED", "Only members with the **Manage Server** permission can configure or post the daily brief. Ask a server admin.");
  }
  return interaction.guildId;
}

function briefingsOf(briefings: Briefings | undefined): Briefings {
  if (!briefings) throw new UserError("NO_BRIEFING", "Daily briefs are not enabled on this bot.");
  return briefings;
}

function scheduleOf(briefings: Briefings, guildId: string): StoredSchedule {
  const schedule = briefings.store.get(guildId);
  if (!schedule) throw new UserError("NO_BRIEFING", `No daily brief is set for this server. Set one with \`${SET_EXAMPLE}\`.`);
  return schedule;
}

/** "a; b; c" → ["a", "b", "c"]: trimmed, blanks and repeats dropped, at most five (a brief has five key points). */
export function parseTopics(raw: string | null): string[] {
  if (raw === null) return [];
  const topics: string[] = [];
  for (const part of raw.split(";")) {
    const topic = part.trim().replace(/\s+/g, " ");
    if (topic === "" || topics.some((t) => t.toLowerCase() === topic.toLowerCase())) continue;
    if (topic.length > MAX_TOPIC_LENGTH) throw new UserError("BAD_OPTION", `A topic can be at most ${MAX_TOPIC_LENGTH} characters; "${echo(topic)}" is longer.`);
    topics.push(topic);
  }
  if (topics.length > MAX_ITEMS) throw new UserError("BAD_OPTION", `At most ${MAX_ITEMS} topics, separated by ";": the brief has room for ${MAX_ITEMS} key points.`);
  return topics;
}

async function set(interaction: ChatInputCommandInteraction, briefings: Briefings, guildId: string): Promise<void> {
  const channel = interaction.options.getChannel("channel", true);
  const rawTime = interaction.options.getString("time", true);
  const rawZone = interaction.options.getString("timezone", true);
  // Checked here rather than left to the domain, whose messages would echo the typed text unescaped.
  try {
    parseTime(rawTime);
  } catch {
    throw new UserError("BAD_OPTION", `"${echo(rawTime)}" is not a time: use 24-hour HH:MM, such as 07:30 or 18:00.`);
  }
  const timeZone = canonicalTimeZone(rawZone);
  if (timeZone === undefined) {
    throw new UserError("BAD_OPTION", `"${echo(rawZone)}" is not a time zone: pick one from the list as you type, or use an IANA name such as Europe/London or America/New_York.`);
  }
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
    throw new UserError("BAD_OPTION", `<#${channel.id}> is not a text or announcement channel: the brief needs one to post in.`);
  }
  // What the bot can do there is known from the gateway's cache; a stale cache only delays the refusal to the post.
  const cached = interaction.guild?.channels.cache.get(channel.id);
  const me = interaction.guild?.members.me;
  const missing = isBriefingChannel(cached) && me ? missingPostPermissions(cached, me) : [];
  if (missing.length > 0) {
    throw new UserError("BAD_OPTION", `sitrep cannot post in <#${channel.id}>: it lacks ${missing.join(", ")} there. Grant them to its role in that channel, or pick another channel.`);
  }
  const schedule = validateSchedule({ guildId, channelId: channel.id, time: rawTime, timeZone, topics: parseTopics(interaction.options.getString("topics")) });
  const now = briefings.now();
  briefings.store.set(schedule, now);
  const next = nextDue(schedule, now);
  await interaction.reply(
    ephemeral(
      textMessage(
        [
          `Daily brief set: every day at ${schedule.time} (${schedule.timeZone}) in <#${schedule.channelId}>.`,
          `Topics: ${topicsText(schedule.topics)}.`,
          ...(next ? [`Next: ${whenText(next, schedule.timeZone)}.`] : []),
          "See it now with /briefing preview; post one at once with /briefing now.",
        ].join("\n"),
      ),
    ),
  );
}

async function show(interaction: ChatInputCommandInteraction, briefings: Briefings, guildId: string): Promise<void> {
  const schedule = scheduleOf(briefings, guildId);
  const next = nextDue(schedule, briefings.now());
  await interaction.reply(ephemeral(renderBriefingSettings({ schedule, ...(next ? { next } : {}) })));
}

async function off(interaction: ChatInputCommandInteraction, briefings: Briefings, guildId: string): Promise<void> {
  const schedule = briefings.store.get(guildId);
  const removed = briefings.store.remove(guildId);
  const content =
    removed && schedule
      ? `Daily brief turned off: nothing more will be posted in <#${schedule.channelId}>. Turn it back on with /briefing set.`
      : "No daily brief was set for this server, so there was nothing to turn off.";
  await interaction.reply(ephemeral(textMessage(content)));
}

async function preview(interaction: ChatInputCommandInteraction, briefings: Briefings, guildId: string): Promise<void> {
  const schedule = scheduleOf(briefings, guildId);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const brief = await briefings.compose(schedule);
  await interaction.editReply(
    renderDailyBrief(brief, {
      content: `Preview: what would be posted in <#${schedule.channelId}> now. Only you can see this.`,
      footer: "Preview, not posted",
    }),
  );
}

async function now(interaction: ChatInputCommandInteraction, briefings: Briefings, guildId: string): Promise<void> {
  const schedule = scheduleOf(briefings, guildId);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let messageId: string;
  try {
    messageId = await briefings.postNow(interaction.client, schedule);
  } catch (error) {
    if (error instanceof PostRejected) throw new UserError("CHANNEL_UNAVAILABLE", `Could not post the daily brief: ${error.message}.`);
    throw error;
  }
  const link = `https://discord.com/channels/${guildId}/${schedule.channelId}/${messageId}`;
  await interaction.editReply(
    textMessage(`Posted the daily brief in <#${schedule.channelId}>: ${link}\nThe scheduled one still comes at ${schedule.time} (${schedule.timeZone}).`),
  );
}

const SUBCOMMANDS = { set, show, off, preview, now } as const;

export default {
  data: new SlashCommandBuilder()
    .setName("briefing")
    .setDescription("The server's daily brief: a cited post of what is new and what matters (Manage Server)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName("set")
        .setDescription("Post a daily brief in a channel, at a local time")
        .addChannelOption((o) =>
          o.setName("channel").setDescription("Where to post it").setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        )
        .addStringOption((o) => o.setName("time").setDescription("Local time, 24-hour HH:MM, e.g. 07:30").setRequired(true).setMaxLength(10))
        .addStringOption((o) =>
          o.setName("timezone").setDescription("Time zone, e.g. Europe/London (start typing a city)").setRequired(true).setAutocomplete(true).setMaxLength(100),
        )
        .addStringOption((o) => o.setName("topics").setDescription(`Up to ${MAX_ITEMS} watch topics separated by ";", e.g. Kursk; sanctions`).setMaxLength(600)),
    )
    .addSubcommand((s) => s.setName("show").setDescription("Where and when the brief is posted, when it comes next, and any problem"))
    .addSubcommand((s) => s.setName("off").setDescription("Stop posting the daily brief"))
    .addSubcommand((s) => s.setName("preview").setDescription("See the brief as it would be posted now (only you see it)"))
    .addSubcommand((s) => s.setName("now").setDescription("Post the brief in its channel now (the scheduled one still comes)")),
  help: {
    usage: "/briefing set channel:<#channel> time:<HH:MM> timezone:<zone> [topics:a; b] · show · off · preview · now (Manage Server)",
    example: SET_EXAMPLE,
  },

  async execute(interaction, { briefings }) {
    const guildId = managedGuild(interaction);
    const service = briefingsOf(briefings);
    const name = interaction.options.getSubcommand(true) as keyof typeof SUBCOMMANDS;
    const run = SUBCOMMANDS[name] as (typeof SUBCOMMANDS)[keyof typeof SUBCOMMANDS] | undefined;
    if (!run) throw new UserError("UNKNOWN_COMMAND", `/briefing ${echo(name)} is not served by this bot any more; ask an admin to run \`sitrep deploy-commands\`.`);
    await run(interaction, service, guildId);
  },

  async autocomplete(interaction, { briefings }) {
    const focused = interaction.options.getFocused(true);
    const at = briefings?.now() ?? new Date();
    await interaction.respond(focused.name === "timezone" ? timeZoneChoices(focused.value, at) : []);
  },
} satisfies Command;
