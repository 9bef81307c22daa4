import type { APIEmbedField } from "discord.js";
import type { StoredSchedule } from "../../briefing/schedule-store.js";
import { LIMITS } from "../limits.js";
import { clip, clipRendered, echoUserText, escapeCorpusText } from "../text.js";
import { botMessage, COLORS, type BotMessage } from "./message.js";

/** "Thu 26 Nov 2026, 07:30" in a zone: how the team reads the time of a brief. */
export function localDateTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}, ${part("hour")}:${part("minute")}`;
}

/** The zone's local time, then Discord's own timestamp, which each reader sees in their own zone and as "in 3 hours". */
export function whenText(instant: Date, timeZone: string): string {
  const unix = Math.floor(instant.getTime() / 1000);
  return `${localDateTime(instant, timeZone)} (${timeZone}) · <t:${unix}:R>`;
}

export function topicsText(topics: readonly string[]): string {
  if (topics.length === 0) return "none: the key points follow the newest documents";
  return clipRendered(topics.join("; "), LIMITS.fieldValue, echoUserText);
}

export interface SettingsView {
  readonly schedule: StoredSchedule;
  /** When the next brief is due; absent when it cannot be computed. */
  readonly next?: Date;
}

/**
 * `/briefing show`: where and when the brief is posted, about what, when it comes next and last came, and, when the
 * last post failed, why and how to fix it.
 */
export function renderBriefingSettings({ schedule, next }: SettingsView): BotMessage {
  const fields: APIEmbedField[] = [
    { name: "Channel", value: `<#${schedule.channelId}>`, inline: true },
    { name: "Time", value: `${schedule.time} (${schedule.timeZone})`, inline: true },
    { name: "Topics", value: topicsText(schedule.topics) },
    { name: "Next post", value: next ? whenText(next, schedule.timeZone) : "not scheduled" },
    {
      name: "Last posted",
      value: schedule.lastPostedAt !== undefined ? whenText(new Date(schedule.lastPostedAt), schedule.timeZone) : "not yet",
    },
  ];
  if (schedule.failing !== undefined) {
    const fix = "\nFix it, then check with /briefing now (or run /briefing set again).";
    fields.push({
      name: "⚠️ Failing",
      value: `${clipRendered(schedule.failing, LIMITS.fieldValue - fix.length, escapeCorpusText)}${fix}`,
    });
  }
  return botMessage({
    embeds: [
      {
        title: schedule.failing !== undefined ? "Daily brief: failing" : "Daily brief",
        color: schedule.failing !== undefined ? COLORS.abstain : COLORS.info,
        fields: fields.map((f) => ({ ...f, value: clip(f.value, LIMITS.fieldValue) })),
      },
    ],
  });
}
