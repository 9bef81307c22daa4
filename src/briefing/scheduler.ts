import type { DailyBrief } from "../answer/daily-brief.js";
import { lastDue, localDate, type Schedule } from "./schedule.js";
import type { ScheduleStore, StoredSchedule } from "./schedule-store.js";

export const DEFAULT_CATCH_UP_MS = 6 * 60 * 60 * 1000;

/** A post that failed for a reason retrying will not fix (deleted channel, missing permission). */
export class PostRejected extends Error {
  override readonly name = "PostRejected";
}

export interface BriefingSchedulerOptions {
  readonly store: ScheduleStore;
  readonly compose: (schedule: StoredSchedule, now: Date) => Promise<DailyBrief>;
  /** Posts the brief and returns the message id; throws PostRejected when the channel refuses it. */
  readonly post: (schedule: Schedule, brief: DailyBrief) => Promise<string>;
  readonly now?: () => Date;
  /** A brief missed while the bot was down is still posted this long after its time, and skipped after. */
  readonly catchUpMs?: number;
  readonly log?: (level: "info" | "warn", message: string, fields?: Record<string, unknown>) => void;
}

export type TickOutcome = "posted" | "failed" | "skipped";

/**
 * Posts each server's daily brief once, at its time in its zone. `tick` is cheap and idempotent: the bot calls it every
 * minute and once at start-up (which is how a brief missed while the bot was down gets posted, within the catch-up
 * window); tests call it with a fake clock.
 */
export class BriefingScheduler {
  private running = false;

  constructor(private readonly options: BriefingSchedulerOptions) {}

  async tick(): Promise<Map<string, TickOutcome>> {
    const outcomes = new Map<string, TickOutcome>();
    // Overlapping ticks (a slow post) would only race for the same claims; skip instead of queueing.
    if (this.running) return outcomes;
    this.running = true;
    try {
      for (const schedule of this.options.store.all()) {
        const outcome = await this.runOne(schedule);
        if (outcome) outcomes.set(schedule.guildId, outcome);
      }
    } finally {
      this.running = false;
    }
    return outcomes;
  }

  private async runOne(schedule: StoredSchedule): Promise<TickOutcome | undefined> {
    const { store, log } = this.options;
    const now = this.options.now?.() ?? new Date();
    const due = lastDue(schedule, now);
    if (!due || due.toISOString() < schedule.activeFrom) return undefined;
    const date = localDate(due, schedule.timeZone);
    if (!store.claim(schedule.guildId, date, now)) return undefined;
    const late = now.getTime() - due.getTime();
    if (late > (this.options.catchUpMs ?? DEFAULT_CATCH_UP_MS)) {
      store.skipped(schedule.guildId, date, now);
      log?.("warn", "daily brief skipped: the bot was down past the catch-up window", { guild: schedule.guildId, date });
      return "skipped";
    }
    try {
      const brief = await this.options.compose(schedule, now);
      const messageId = await this.options.post(schedule, brief);
      store.posted(schedule.guildId, date, messageId, now);
      log?.("info", "daily brief posted", { guild: schedule.guildId, date, message: messageId });
      return "posted";
    } catch (error) {
      // The day's claim stays taken: a failing channel is reported, not hammered with retries.
      const reason = error instanceof PostRejected ? error.message : `could not post (${(error as Error).message})`;
      store.failed(schedule.guildId, date, reason, now);
      log?.("warn", "daily brief failed", { guild: schedule.guildId, date, reason });
      return "failed";
    }
  }
}
