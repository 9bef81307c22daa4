import type Database from "better-sqlite3";
import { prepareConnection } from "../storage/sqlite.js";
import type { Schedule } from "./schedule.js";

export interface StoredSchedule extends Schedule {
  /** Why the last post failed (deleted channel, missing permission), until a post succeeds again. */
  readonly failing?: string;
  /** When the last brief was posted (ISO), so the next one lists what is new since then. */
  readonly lastPostedAt?: string;
  /** When the schedule was set (ISO): a time that passed before then is not owed a brief. */
  readonly activeFrom: string;
}

interface ScheduleRow {
  guild_id: string;
  channel_id: string;
  time: string;
  time_zone: string;
  topics: string;
  failing: string | null;
  last_posted_at: string | null;
  active_from: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS briefing_schedules (
    guild_id TEXT PRIMARY KEY,
    channel_id TEXT NOT NULL,
    time TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    topics TEXT NOT NULL,
    failing TEXT,
    last_posted_at TEXT,
    active_from TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS briefing_posts (
    guild_id TEXT NOT NULL,
    date TEXT NOT NULL,
    outcome TEXT NOT NULL,
    message_id TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (guild_id, date)
  );
`;

function toSchedule(row: ScheduleRow): StoredSchedule {
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    time: row.time,
    timeZone: row.time_zone,
    topics: JSON.parse(row.topics) as string[],
    ...(row.failing !== null ? { failing: row.failing } : {}),
    ...(row.last_posted_at !== null ? { lastPostedAt: row.last_posted_at } : {}),
    activeFrom: row.active_from,
  };
}

/**
 * Schedules, one per server, and one row per server and day that a brief was claimed. The claim is the primary key
 * (guild, date): whichever process inserts it first posts, so a restart, a reconnect or a second process sharing the
 * database can never post the same day twice.
 */
export class ScheduleStore {
  private readonly upsert;
  private readonly select;
  private readonly selectAll;
  private readonly deleteSchedule;
  private readonly insertClaim;
  private readonly updateClaim;
  private readonly setFailing;
  private readonly setPosted;

  constructor(db: Database.Database) {
    prepareConnection(db);
    db.exec(SCHEMA);
    this.upsert = db.prepare<[string, string, string, string, string, string]>(
      `INSERT INTO briefing_schedules (guild_id, channel_id, time, time_zone, topics, active_from) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, time = excluded.time,
         time_zone = excluded.time_zone, topics = excluded.topics, failing = NULL, active_from = excluded.active_from`,
    );
    this.select = db.prepare<[string], ScheduleRow>("SELECT * FROM briefing_schedules WHERE guild_id = ?");
    this.selectAll = db.prepare<[], ScheduleRow>("SELECT * FROM briefing_schedules ORDER BY guild_id");
    this.deleteSchedule = db.prepare<[string]>("DELETE FROM briefing_schedules WHERE guild_id = ?");
    this.insertClaim = db.prepare<[string, string, string]>(
      "INSERT OR IGNORE INTO briefing_posts (guild_id, date, outcome, at) VALUES (?, ?, 'claimed', ?)",
    );
    this.updateClaim = db.prepare<[string, string | null, string, string, string]>(
      "UPDATE briefing_posts SET outcome = ?, message_id = ?, at = ? WHERE guild_id = ? AND date = ?",
    );
    this.setFailing = db.prepare<[string, string]>("UPDATE briefing_schedules SET failing = ? WHERE guild_id = ?");
    this.setPosted = db.prepare<[string, string]>("UPDATE briefing_schedules SET failing = NULL, last_posted_at = ? WHERE guild_id = ?");
  }

  set(schedule: Schedule, at: Date): void {
    this.upsert.run(schedule.guildId, schedule.channelId, schedule.time, schedule.timeZone, JSON.stringify(schedule.topics), at.toISOString());
  }

  get(guildId: string): StoredSchedule | undefined {
    const row = this.select.get(guildId);
    return row ? toSchedule(row) : undefined;
  }

  all(): StoredSchedule[] {
    return this.selectAll.all().map(toSchedule);
  }

  remove(guildId: string): boolean {
    return this.deleteSchedule.run(guildId).changes > 0;
  }

  /** True for exactly one caller per server and day, across processes. */
  claim(guildId: string, date: string, at: Date): boolean {
    return this.insertClaim.run(guildId, date, at.toISOString()).changes === 1;
  }

  posted(guildId: string, date: string, messageId: string, at: Date): void {
    this.updateClaim.run("posted", messageId, at.toISOString(), guildId, date);
    this.setPosted.run(at.toISOString(), guildId);
  }

  /** A brief posted on request (`/briefing now`): the last brief, and proof the channel works, but no day's claim. */
  postedOnRequest(guildId: string, at: Date): void {
    this.setPosted.run(at.toISOString(), guildId);
  }

  failed(guildId: string, date: string, reason: string, at: Date): void {
    this.updateClaim.run("failed", null, at.toISOString(), guildId, date);
    this.setFailing.run(reason, guildId);
  }

  skipped(guildId: string, date: string, at: Date): void {
    this.updateClaim.run("skipped", null, at.toISOString(), guildId, date);
  }
}
