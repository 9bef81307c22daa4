import { LIMITS } from "./limits.js";

/** Every IANA zone this runtime knows, plus UTC (which `supportedValuesOf` leaves out), computed once. */
let allZones: readonly string[] | undefined;
function zones(): readonly string[] {
  allZones ??= ["UTC", ...Intl.supportedValuesOf("timeZone")];
  return allZones;
}

/** Offered before anything is typed: where a team is most likely to be. */
const POPULAR = [
  "UTC",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Kyiv",
  "Europe/Moscow",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Asia/Shanghai",
  "Asia/Seoul",
  "Asia/Tokyo",
  "Australia/Sydney",
];

/** "UTC+5:30" for a zone at an instant, so a choice shows the offset it stands for today. */
export function zoneOffset(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "shortOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName");
  const offset = (part?.value ?? "GMT").replace(/^GMT/, "UTC");
  return offset === "UTC" ? "UTC+0" : offset;
}

/** The zone's canonical spelling ("europe/london" → "Europe/London"), or undefined when it is not a time zone. */
export function canonicalTimeZone(raw: string): string | undefined {
  const typed = raw.trim();
  if (typed === "") return undefined;
  const exact = zones().find((z) => z.toLowerCase() === typed.toLowerCase());
  if (exact !== undefined) return exact;
  try {
    // Aliases Intl accepts but does not list ("US/Eastern") resolve to the zone they stand for.
    return new Intl.DateTimeFormat("en-GB", { timeZone: typed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const normalise = (text: string) => text.trim().toLowerCase().replace(/[\s_]+/g, "_");

/**
 * Autocomplete choices for a zone: at most 25; a zone the text names exactly first, then those with a part starting with
 * it ("york" → America/New_York), then those containing it; spaces match underscores. Each shows today's offset.
 */
export function timeZoneChoices(typed: string, at: Date): { name: string; value: string }[] {
  const query = normalise(typed);
  let picked: readonly string[];
  if (query === "") {
    picked = POPULAR.flatMap((z) => canonicalTimeZone(z) ?? []);
  } else {
    // A full name or alias typed out ("US/Eastern") comes first, as the zone it resolves to.
    const starts: string[] = [canonicalTimeZone(typed) ?? []].flat();
    const contains: string[] = [];
    for (const zone of zones()) {
      const lower = zone.toLowerCase();
      const parts = lower.split("/");
      if (lower.startsWith(query) || [...parts, ...parts.flatMap((p) => p.split("_"))].some((part) => part.startsWith(query))) {
        starts.push(zone);
      } else if (lower.includes(query)) {
        contains.push(zone);
      }
    }
    picked = [...starts, ...contains];
  }
  return [...new Set(picked)]
    .slice(0, LIMITS.choices)
    .map((zone) => {
      const name = zone === "UTC" ? zone : `${zone} (${zoneOffset(zone, at)})`;
      return { name: name.slice(0, LIMITS.choiceName), value: zone };
    });
}
