import { describe, expect, it } from "vitest";
import { canonicalTimeZone, timeZoneChoices, zoneOffset } from "../../src/bot/time-zones.js";

const WINTER = new Date("2026-01-14T12:00:00Z");
const SUMMER = new Date("2026-07-14T12:00:00Z");

describe("time zones for /briefing", () => {
  it("GIVEN a zone typed in any case, or an alias WHEN canonicalised THEN the IANA spelling comes back; anything else is not a zone", () => {
    expect(canonicalTimeZone("europe/LONDON")).toBe("Europe/London");
    expect(canonicalTimeZone(" utc ")).toBe("UTC");
    expect(canonicalTimeZone("US/Eastern")).toBe("America/New_York");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeUndefined();
    expect(canonicalTimeZone("+05:00")).toBeUndefined();
    expect(canonicalTimeZone("")).toBeUndefined();
  });

  it("GIVEN part of a city WHEN choices are made THEN zones whose city starts with it come first, spaces matching underscores", () => {
    expect(timeZoneChoices("york", WINTER).map((c) => c.value)).toEqual(["America/New_York"]);
    expect(timeZoneChoices("New York", WINTER).map((c) => c.value)).toEqual(["America/New_York"]);
    const lon = timeZoneChoices("lon", WINTER).map((c) => c.value);
    expect(lon).toContain("Europe/London");
    expect(lon.indexOf("Europe/London")).toBeLessThan(lon.indexOf("America/Blanc-Sablon"));
  });

  it("GIVEN a broad or empty query WHEN choices are made THEN at most 25 come back, each within Discord's limits and showing today's offset", () => {
    for (const typed of ["", "a", "america", "/"]) {
      const choices = timeZoneChoices(typed, WINTER);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
        expect(canonicalTimeZone(choice.value)).toBe(choice.value);
      }
    }
    expect(timeZoneChoices("america", WINTER)).toHaveLength(25);
    expect(timeZoneChoices("", WINTER)[0]).toEqual({ name: "UTC", value: "UTC" });
  });

  it("GIVEN daylight saving WHEN an offset is shown THEN it is the one in force at that date", () => {
    expect(zoneOffset("Europe/London", WINTER)).toBe("UTC+0");
    expect(zoneOffset("Europe/London", SUMMER)).toBe("UTC+1");
    expect(zoneOffset("Asia/Kolkata", SUMMER)).toBe("UTC+5:30");
    expect(timeZoneChoices("los angeles", SUMMER)).toEqual([{ name: "America/Los_Angeles (UTC-7)", value: "America/Los_Angeles" }]);
  });
});
