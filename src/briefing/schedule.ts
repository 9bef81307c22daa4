import { Cron } from "croner";
import { checkTimeZone } from "../answer/daily-brief.js";
import { UserError } from "../errors.js";

/** One server's daily brief: where, when (local time in its zone) and about what. */
export interface Schedule {
  readonly guildId: string;
  readonly channelId: string;
  /** "HH:MM", 24-hour, in `timeZone`. */
  readonly time: string;
  readonly timeZone: string;
  readonly topics: readonly string[];
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function parseTime(raw: string): { hour: number; minute: number } {
  const match = TIME.exec(raw.trim());
  if (!match) throw new UserError("BAD_OPTION", `"${raw}" is not a time: use 24-hour HH:MM, such as 07:30 or 18:00.`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

export function validateSchedule(schedule: Schedule): Schedule {
  const { hour, minute } = parseTime(schedule.time);
  checkTimeZone(schedule.timeZone);
  return { ...schedule, time: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}` };
}

function cronOf(schedule: Schedule): Cron {
  const { hour, minute } = parseTime(schedule.time);
  // croner resolves the zone's offset for each date, so a daylight-saving change moves the instant, not the local time.
  return new Cron(`${minute} ${hour} * * *`, { timezone: schedule.timeZone, paused: true });
}

/** The latest moment at or before `now` when this schedule was due, or undefined if it never was. */
export function lastDue(schedule: Schedule, now: Date): Date | undefined {
  // previousRuns looks strictly before its reference, at whole seconds: look from a second later so a brief due
  // exactly now counts as due, then make sure it is not in the future.
  const due = cronOf(schedule).previousRuns(1, new Date(now.getTime() + 1000))[0];
  return due !== undefined && due.getTime() <= now.getTime() ? due : undefined;
}

export function nextDue(schedule: Schedule, now: Date): Date | undefined {
  return cronOf(schedule).nextRun(now) ?? undefined;
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone: the key that makes a brief post once per day. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}
