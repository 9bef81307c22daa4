import type { APIEmbed } from "discord.js";
import type { TopicBrief } from "../../answer/topic-brief.js";
import { clip, escapeCorpusText } from "../text.js";
import { closestFields, questionHeader, searchedFooter } from "./answer.js";
import { fitEmbed } from "./fit.js";
import { fitUnits, renderUnit, type MarkedUnit } from "./marked-text.js";
import { botMessage, COLORS, type BotMessage } from "./message.js";
import { QUOTE_BUDGETS, sourcesFields } from "./sources.js";

/** A group needs room for its heading and at least a useful start of one bullet, or it is left out. */
const MIN_GROUP_ROOM = 80;

const bullet = (unit: MarkedUnit): string => `• ${renderUnit(unit)}`;

/** Document headings with their bullets, whole bullets only, as many as `max` allows. */
function groupsText(brief: TopicBrief, max: number): { text: string; markers: Set<number>; shortened: boolean } {
  const parts: string[] = [];
  const markers = new Set<number>();
  let room = max;
  for (const group of brief.groups) {
    const heading = `**${escapeCorpusText(clip(group.title, 200))}**\n`;
    const separator = parts.length > 0 ? "\n\n" : "";
    const available = room - separator.length - heading.length;
    if (available < MIN_GROUP_ROOM) return { text: parts.join("\n\n"), markers, shortened: true };
    const units = group.points.map((p) => ({ text: p.text, markers: [p.n] }));
    const fitted = fitUnits(units, available, "\n", bullet);
    parts.push(`${heading}${fitted.text}`);
    fitted.markers.forEach((n) => markers.add(n));
    room -= separator.length + heading.length + fitted.text.length;
    if (fitted.shortened) return { text: parts.join("\n\n"), markers, shortened: true };
  }
  return { text: parts.join("\n\n"), markers, shortened: false };
}

function briefEmbed(brief: TopicBrief): APIEmbed {
  return fitEmbed(QUOTE_BUDGETS, (descriptionBudget, quoteBudget) => {
    const header = questionHeader("Topic", brief.topic, descriptionBudget);
    if (brief.abstained) {
      return {
        title: "Briefing: not covered by the corpus",
        color: COLORS.abstain,
        description: `${header}The corpus has nothing on this topic.`,
        fields: closestFields(brief.closest, quoteBudget),
        footer: { text: searchedFooter(brief.passagesSearched, brief.milliseconds) },
      };
    }
    const body = groupsText(brief, descriptionBudget - header.length);
    const cited = brief.citations.filter((c) => body.markers.has(c.n));
    const points = brief.groups.reduce((sum, g) => sum + g.points.length, 0);
    const summary = `${points} points from ${brief.groups.length} document${brief.groups.length === 1 ? "" : "s"}`;
    return {
      title: "Briefing",
      color: COLORS.answer,
      description: `${header}${body.text}`,
      fields: sourcesFields(cited, quoteBudget),
      footer: { text: `${summary} · ${searchedFooter(brief.passagesSearched, brief.milliseconds, body.shortened ? "shortened to fit Discord" : undefined)}` },
    };
  });
}

/** The /brief reply: cited bullet points grouped under their documents, with the Sources they cite. */
export function renderBrief(brief: TopicBrief): BotMessage {
  return botMessage({ embeds: [briefEmbed(brief)] });
}
