import Database from "better-sqlite3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DailyBrief } from "../../src/answer/daily-brief.js";
import type { Schedule } from "../../src/briefing/schedule.js";
import { ScheduleStore, type StoredSchedule } from "../../src/briefing/schedule-store.js";
import { BriefingScheduler, PostRejected } from "../../src/briefing/scheduler.js";

const BRIEF: DailyBrief = { title: "Daily brief", date: "", newSince: [], keyPoints: [], citations: [] };

interface Harness {
  readonly scheduler: BriefingScheduler;
  readonly posts: { guildId: string; at: string }[];
  readonly composedSince: (string | undefined)[];
  setNow(iso: string): void;
  rejectNext(reason: string): void;
}

describe("BriefingScheduler", () => {
  let dir: string;
  let databases: Database.Database[];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sitrep-scheduler-"));
    databases = [];
  });
  afterEach(async () => {
    for (const db of databases) db.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A scheduler on its own connection to the shared database file, as a second process would have. */
  function store(): ScheduleStore {
    const db = new Database(path.join(dir, "sitrep.db"));
    databases.push(db);
    return new ScheduleStore(db);
  }

  function harness(scheduleStore = store(), posts: { guildId: string; at: string }[] = []): Harness {
    let now = new Date(0);
    let reject: string | undefined;
    const composedSince: (string | undefined)[] = [];
    const scheduler = new BriefingScheduler({
      store: scheduleStore,
      now: () => now,
      compose: (schedule: StoredSchedule) => {
        composedSince.push(schedule.lastPostedAt);
        return Promise.resolve(BRIEF);
      },
      post: async (schedule: Schedule) => {
        await new Promise((r) => setTimeout(r, 5));
        if (reject !== undefined) {
          const reason = reject;
          reject = undefined;
          throw new PostRejected(reason);
        }
        posts.push({ guildId: schedule.guildId, at: now.toISOString() });
        return `message-${posts.length}`;
      },
    });
    return {
      scheduler,
      posts,
      composedSince,
      setNow: (iso) => (now = new Date(iso)),
      rejectNext: (reason) => (reject = reason),
    };
  }

  const schedule = (guildId: string, time: string, timeZone: string): Schedule => ({ guildId, channelId: `c-${guildId}`, time, timeZone, topics: [] });
  const SET_AT = new Date("2026-01-01T00:00:00Z");

  it("GIVEN servers in zones on both sides of UTC THEN each brief is posted at its local time and dated that day", async () => {
    const s = store();
    // Set on the 26th at 20:00 UTC: after New York's 08:00 (13:00 UTC) that day, before Seoul's 08:00 on the 27th.
    const setAt = new Date("2026-11-26T20:00:00Z");
    s.set(schedule("seoul", "08:00", "Asia/Seoul"), setAt);
    s.set(schedule("ny", "08:00", "America/New_York"), setAt);
    const h = harness(s);
    h.setNow("2026-11-26T22:59:00Z");
    expect(await h.scheduler.tick()).toEqual(new Map());
    h.setNow("2026-11-26T23:00:00Z");
    expect(await h.scheduler.tick()).toEqual(new Map([["seoul", "posted"]]));
    h.setNow("2026-11-27T12:59:00Z");
    expect(await h.scheduler.tick()).toEqual(new Map());
    h.setNow("2026-11-27T13:00:00Z");
    expect(await h.scheduler.tick()).toEqual(new Map([["ny", "posted"]]));
    expect(h.posts.map((p) => `${p.guildId}@${p.at}`)).toEqual(["seoul@2026-11-26T23:00:00.000Z", "ny@2026-11-27T13:00:00.000Z"]);
  });

  it("GIVEN a daylight-saving change THEN the brief keeps its local time and moves in UTC", async () => {
    const s = store();
    s.set(schedule("london", "08:00", "Europe/London"), SET_AT);
    const h = harness(s);
    for (const iso of ["2026-03-28T08:00:00Z", "2026-03-29T06:59:00Z", "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z"]) {
      h.setNow(iso);
      await h.scheduler.tick();
    }
    expect(h.posts.map((p) => p.at)).toEqual(["2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z", "2026-03-30T07:00:00.000Z"]);
  });

  it("GIVEN a restart before post time THEN the new process posts once and the old one does not repeat it", async () => {
    const posts: { guildId: string; at: string }[] = [];
    const first = harness(store(), posts);
    const shared = store();
    shared.set(schedule("g", "09:00", "UTC"), SET_AT);
    first.setNow("2026-11-26T08:59:00Z");
    await first.scheduler.tick();
    const second = harness(store(), posts);
    second.setNow("2026-11-26T09:00:30Z");
    await second.scheduler.tick();
    first.setNow("2026-11-26T09:01:00Z");
    await first.scheduler.tick();
    expect(posts).toHaveLength(1);
  });

  it("GIVEN the bot was down at post time THEN it posts once on start-up within the catch-up window, and skips after it", async () => {
    const s = store();
    s.set(schedule("g", "09:00", "UTC"), SET_AT);
    const h = harness(s);
    h.setNow("2026-11-26T14:59:00Z");
    expect(await h.scheduler.tick()).toEqual(new Map([["g", "posted"]]));
    h.setNow("2026-11-27T15:01:00Z");
    expect(await h.scheduler.tick()).toEqual(new Map([["g", "skipped"]]));
    h.setNow("2026-11-27T16:00:00Z");
    expect(await h.scheduler.tick()).toEqual(new Map());
    expect(h.posts).toHaveLength(1);
  });

  it("GIVEN two schedulers sharing one database ticking at once THEN exactly one brief is posted", async () => {
    const posts: { guildId: string; at: string }[] = [];
    const setup = store();
    setup.set(schedule("g", "09:00", "UTC"), SET_AT);
    const a = harness(store(), posts);
    const b = harness(store(), posts);
    a.setNow("2026-11-26T09:00:00Z");
    b.setNow("2026-11-26T09:00:00Z");
    await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
    expect(posts).toHaveLength(1);
  });

  it("GIVEN a channel that refuses the post THEN the schedule is marked failing, not retried that day, and cleared by the next success", async () => {
    const s = store();
    s.set(schedule("g", "09:00", "UTC"), SET_AT);
    const h = harness(s);
    h.rejectNext("the channel was deleted");
    h.setNow("2026-11-26T09:00:00Z");
    expect(await h.scheduler.tick()).toEqual(new Map([["g", "failed"]]));
    expect(s.get("g")?.failing).toBe("the channel was deleted");
    h.setNow("2026-11-26T09:05:00Z");
    expect(await h.scheduler.tick()).toEqual(new Map());
    h.setNow("2026-11-27T09:00:00Z");
    expect(await h.scheduler.tick()).toEqual(new Map([["g", "posted"]]));
    expect(s.get("g")?.failing).toBeUndefined();
    expect(s.get("g")?.lastPostedAt).toBe("2026-11-27T09:00:00.000Z");
  });

  it("GIVEN a schedule set after today's time THEN nothing is owed today and the next day's brief lists what is new since the last", async () => {
    const s = store();
    s.set(schedule("g", "09:00", "UTC"), new Date("2026-11-26T10:00:00Z"));
    const h = harness(s);
    h.setNow("2026-11-26T10:00:01Z");
    expect(await h.scheduler.tick()).toEqual(new Map());
    h.setNow("2026-11-27T09:00:00Z");
    await h.scheduler.tick();
    h.setNow("2026-11-28T09:00:00Z");
    await h.scheduler.tick();
    expect(h.composedSince).toEqual([undefined, "2026-11-27T09:00:00.000Z"]);
  });
});
