import Database from "better-sqlite3";
import { DiscordAPIError, type Client } from "discord.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { ScheduleStore } from "../../src/briefing/schedule-store.js";
import { PostRejected } from "../../src/briefing/scheduler.js";
import { Briefings, postRejection, TICK_INTERVAL_MS } from "../../src/bot/briefings.js";
import { createLogger } from "../../src/bot/logger.js";

function apiError(status: number, code: number, message: string): DiscordAPIError {
  return new DiscordAPIError({ code, message }, code, status, "POST", "https://discord.test/api/v10/channels/1/messages", {});
}

describe("postRejection", () => {
  it("GIVEN Discord refuses a post for a reason retrying will not fix THEN it becomes PostRejected with what to do", () => {
    const cases: [DiscordAPIError, string][] = [
      [apiError(404, 10003, "Unknown Channel"), "channel <#42> no longer exists: pick another channel with /briefing set"],
      [apiError(403, 50001, "Missing Access"), "the bot cannot see channel <#42>: give sitrep's role View Channel there, or pick another channel with /briefing set"],
      [
        apiError(403, 50013, "Missing Permissions"),
        "the bot lacks Send Messages, Embed Links there: grant them to sitrep's role in that channel, or pick another channel with /briefing set",
      ],
      [apiError(403, 40333, "Something new"), "Discord refused the post (Something new)"],
    ];
    for (const [error, reason] of cases) {
      const mapped = postRejection(error, "42");
      expect(mapped).toBeInstanceOf(PostRejected);
      expect((mapped as PostRejected).message).toBe(reason);
    }
  });

  it("GIVEN a failure that is not a refusal (an outage, a bug) THEN it passes through unchanged", () => {
    const outage = apiError(500, 0, "Internal Server Error");
    const bug = new TypeError("oops");
    expect(postRejection(outage, "42")).toBe(outage);
    expect(postRejection(bug, "42")).toBe(bug);
  });
});

describe("Briefings", () => {
  let dir: string;
  let lines: string[];
  let database: Database.Database;
  let briefings: Briefings;
  const noClient = {} as Client<true>;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sitrep-briefings-"));
    lines = [];
    database = new Database(path.join(dir, "sitrep.db"));
    briefings = new Briefings({
      engine: {} as AnswerEngine,
      store: new ScheduleStore(database),
      log: createLogger({ level: "debug", write: (line) => lines.push(line) }),
      now: () => new Date("2026-01-14T05:00:00Z"),
    });
  });

  afterEach(async () => {
    vi.useRealTimers();
    await briefings.stop();
    if (database.open) database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("GIVEN the database fails under a tick WHEN the scheduler runs THEN the error is logged and the tick resolves, never throwing", async () => {
    briefings.start(noClient);
    await briefings.tick();
    database.close();

    await expect(briefings.tick()).resolves.toEqual(new Map());

    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ level: 50, msg: "briefing tick failed", component: "briefings" }),
    );
  });

  it("GIVEN a started scheduler THEN it ticks every minute until stopped, and not after", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const all = vi.spyOn(briefings.store, "all");
    briefings.start(noClient);
    await briefings.tick();
    const atStart = all.mock.calls.length;

    for (let minute = 1; minute <= 3; minute++) {
      vi.advanceTimersByTime(TICK_INTERVAL_MS);
      expect(all.mock.calls.length).toBe(atStart + minute);
      await new Promise((resolve) => setImmediate(resolve));
    }

    await briefings.stop();
    vi.advanceTimersByTime(TICK_INTERVAL_MS * 3);
    expect(await briefings.tick()).toEqual(new Map());
    expect(all.mock.calls.length).toBe(atStart + 3);
  });
});
