import type Database from "better-sqlite3";
import {
  ChannelType,
  DiscordAPIError,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type Channel,
  type Client,
  type GuildMember,
  type NewsChannel,
  type TextChannel,
} from "discord.js";
import { composeDailyBrief, type DailyBrief } from "../answer/daily-brief.js";
import type { AnswerEngine } from "../answer/engine.js";
import type { Schedule } from "../briefing/schedule.js";
import { ScheduleStore, type StoredSchedule } from "../briefing/schedule-store.js";
import { BriefingScheduler, DEFAULT_CATCH_UP_MS, PostRejected, type TickOutcome } from "../briefing/scheduler.js";
import { openDatabase } from "../storage/sqlite.js";
import type { Logger } from "./logger.js";
import { renderDailyBrief } from "./render/daily-brief.js";

/** The scheduler looks for due briefs this often; a brief is posted within a minute of its time. */
export const TICK_INTERVAL_MS = 60_000;

/** What the bot needs to post in a channel: the brief is embeds, so Embed Links too. */
const POST_PERMISSIONS = [
  ["ViewChannel", PermissionFlagsBits.ViewChannel, "View Channel"],
  ["SendMessages", PermissionFlagsBits.SendMessages, "Send Messages"],
  ["EmbedLinks", PermissionFlagsBits.EmbedLinks, "Embed Links"],
] as const;

export type BriefingChannel = TextChannel | NewsChannel;

export function isBriefingChannel(channel: Channel | null | undefined): channel is BriefingChannel {
  return channel?.type === ChannelType.GuildText || channel?.type === ChannelType.GuildAnnouncement;
}

/** The permissions the bot lacks to post a brief in `channel`, as Discord's UI names them; empty when it can post. */
export function missingPostPermissions(channel: BriefingChannel, me: GuildMember): string[] {
  const granted = channel.permissionsFor(me);
  return POST_PERMISSIONS.filter(([, bit]) => !granted.has(bit)).map(([, , label]) => label);
}

const permissionsFix = (missing: readonly string[]) =>
  `the bot lacks ${missing.join(", ")} there: grant them to sitrep's role in that channel, or pick another channel with /briefing set`;

/** Turns Discord's refusals into PostRejected with a reason an admin can act on; other errors pass through. */
export function postRejection(error: unknown, channelId: string): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  switch (error.code) {
    case RESTJSONErrorCodes.UnknownChannel:
      return new PostRejected(`channel <#${channelId}> no longer exists: pick another channel with /briefing set`);
    case RESTJSONErrorCodes.MissingAccess:
      return new PostRejected(`the bot cannot see channel <#${channelId}>: give sitrep's role View Channel there, or pick another channel with /briefing set`);
    case RESTJSONErrorCodes.MissingPermissions:
      return new PostRejected(permissionsFix(["Send Messages", "Embed Links"]));
    default:
      // 403 without a known code is still a refusal that retrying will not fix.
      return error.status === 403 ? new PostRejected(`Discord refused the post (${error.message})`) : error;
  }
}

/**
 * Posts a brief in the schedule's channel and returns the message id. A deleted channel, a channel the bot cannot see
 * or a missing permission throws PostRejected with the reason, so the schedule is marked failing instead of retried.
 */
export async function deliverBrief(client: Client<true>, schedule: Schedule, brief: DailyBrief): Promise<string> {
  let channel: Channel | null;
  try {
    channel = await client.channels.fetch(schedule.channelId);
  } catch (error) {
    throw postRejection(error, schedule.channelId);
  }
  if (!isBriefingChannel(channel) || channel.guildId !== schedule.guildId) {
    throw new PostRejected(`<#${schedule.channelId}> is not a text channel of this server: pick another channel with /briefing set`);
  }
  const me = channel.guild.members.me;
  const missing = me ? missingPostPermissions(channel, me) : [];
  if (missing.length > 0) throw new PostRejected(permissionsFix(missing));
  try {
    const sent = await channel.send(renderDailyBrief(brief, { footer: `Posted daily at ${schedule.time} (${schedule.timeZone})` }));
    return sent.id;
  } catch (error) {
    throw postRejection(error, schedule.channelId);
  }
}

export interface BriefingsOptions {
  readonly engine: AnswerEngine;
  readonly store: ScheduleStore;
  readonly log: Logger;
  /** The clock; tests drive it by hand. */
  readonly now?: () => Date;
  /** `BRIEFING_CATCH_UP_HOURS`: how late a brief missed while the bot was down is still posted. */
  readonly catchUpMs?: number;
  readonly intervalMs?: number;
  /** Closed with `close()`: set when the database was opened for this object. */
  readonly database?: Database.Database;
}

/**
 * The daily briefs of every server: the schedules (SQLite, shared with the rest of the bot's data), composing a brief
 * for a schedule, posting it, and the scheduler that posts each one once a day. `/briefing` uses it for settings,
 * previews and posts on request; the bot starts it once the client is ready.
 */
export class Briefings {
  readonly store: ScheduleStore;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private scheduler: BriefingScheduler | undefined;
  private inFlight: Promise<Map<string, TickOutcome>> | undefined;

  constructor(private readonly options: BriefingsOptions) {
    this.store = options.store;
    this.log = options.log.child({ component: "briefings" });
  }

  /** Opens the schedules in `DATA_DIR/sitrep.db`, the database the feedback store uses. */
  static open(dataDir: string, options: Omit<BriefingsOptions, "store" | "database">): Briefings {
    const database = openDatabase(dataDir);
    return new Briefings({ ...options, store: new ScheduleStore(database), database });
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The brief a schedule would post at `now`: its zone and topics, and what is new since its last post. */
  compose(schedule: StoredSchedule, now = this.now()): Promise<DailyBrief> {
    return composeDailyBrief(this.options.engine, {
      now,
      timeZone: schedule.timeZone,
      topics: schedule.topics,
      ...(schedule.lastPostedAt !== undefined ? { since: new Date(schedule.lastPostedAt) } : {}),
    });
  }

  /**
   * `/briefing now`: composes and posts at once. It claims no day, so the scheduled brief still comes at its time; it
   * counts as the last brief (the next one lists what is new since) and clears a failing mark, since the channel works.
   */
  async postNow(client: Client<true>, schedule: StoredSchedule): Promise<string> {
    const now = this.now();
    const messageId = await deliverBrief(client, schedule, await this.compose(schedule, now));
    this.store.postedOnRequest(schedule.guildId, now);
    this.log.info({ guild: schedule.guildId, message: messageId }, "daily brief posted on request");
    return messageId;
  }

  /** Ticks once now (a brief missed while the bot was down is caught up) and then every minute, until `stop`. */
  start(client: Client<true>): void {
    if (this.scheduler) return;
    this.scheduler = new BriefingScheduler({
      store: this.store,
      now: () => this.now(),
      compose: (schedule, now) => this.compose(schedule, now),
      post: (schedule, brief) => deliverBrief(client, schedule, brief),
      catchUpMs: this.options.catchUpMs ?? DEFAULT_CATCH_UP_MS,
      log: (level, message, fields) => this.log[level](fields ?? {}, message),
    });
    void this.tick();
    this.timer = setInterval(() => {
      // A tick still posting (a slow compose) is not queued behind: the next minute's tick catches up.
      if (!this.inFlight) void this.tick();
    }, this.options.intervalMs ?? TICK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Runs the scheduler once, after any tick in flight. Never throws: a failure is logged and the next tick tries. */
  async tick(): Promise<Map<string, TickOutcome>> {
    const scheduler = this.scheduler;
    if (!scheduler) return new Map();
    const previous = this.inFlight;
    const run = (async () => {
      if (previous) await previous;
      try {
        return await scheduler.tick();
      } catch (error) {
        this.log.error({ err: error }, "briefing tick failed");
        return new Map<string, TickOutcome>();
      }
    })();
    this.inFlight = run;
    try {
      return await run;
    } finally {
      if (this.inFlight === run) this.inFlight = undefined;
    }
  }

  /** Stops ticking and waits for a post in progress, so shutdown never cuts one in half. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.scheduler = undefined;
    await this.inFlight;
  }

  close(): void {
    if (this.options.database?.open) this.options.database.close();
  }
}
