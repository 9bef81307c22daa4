import { describe, expect, it } from "vitest";
import { lastDue, localDate, nextDue, parseTime, validateSchedule } from "../../src/briefing/schedule.js";
import { UserError } from "../../src/errors.js";

describe("schedule times", () => {
  it.each([
    ["07:30", { hour: 7, minute: 30 }],
    ["7:05", { hour: 7, minute: 5 }],
    ["23:59", { hour: 23, minute: 59 }],
    [" 00:00 ", { hour: 0, minute: 0 }],
  ])("GIVEN %j THEN it parses as a 24-hour time", (raw, expected) => {
    expect(parseTime(raw)).toEqual(expected);
  });

  it.each(["24:00", "7pm", "12:60", "", "08-00"])("GIVEN %j THEN a user error says how to write a time", (raw) => {
    expect(() => parseTime(raw)).toThrow(UserError);
  });

  it("GIVEN a schedule THEN its time is normalised and a bad zone is refused", () => {
    const base = { guildId: "g", channelId: "c", topics: [] };
    expect(validateSchedule({ ...base, time: "7:05", timeZone: "Europe/Kyiv" }).time).toBe("07:05");
    expect(() => validateSchedule({ ...base, time: "07:05", timeZone: "Europe/Atlantis" })).toThrow(UserError);
  });

  it("GIVEN a time in a zone THEN the last and next due instants are the local time, exactly due counting as due", () => {
    const s = { guildId: "g", channelId: "c", topics: [], time: "08:00", timeZone: "Asia/Seoul" };
    expect(lastDue(s, new Date("2026-11-26T23:00:00Z"))?.toISOString()).toBe("2026-11-26T23:00:00.000Z");
    expect(lastDue(s, new Date("2026-11-26T22:59:59.999Z"))?.toISOString()).toBe("2026-11-25T23:00:00.000Z");
    expect(nextDue(s, new Date("2026-11-26T22:00:00Z"))?.toISOString()).toBe("2026-11-26T23:00:00.000Z");
    expect(localDate(new Date("2026-11-26T23:00:00Z"), "Asia/Seoul")).toBe("2026-11-27");
  });
});
