import type { SearchHit } from "../../retrieval/hybrid-search.js";
import { LIMITS } from "../limits.js";
import { clip, clipRendered, escapeCorpusText } from "../text.js";
import { questionHeader } from "./answer.js";
import { fitEmbed } from "./fit.js";
import { botMessage, COLORS, type BotMessage } from "./message.js";

const EXCERPT_BUDGETS = [400, 250, 150, 80, 0] as const;

/** The /search reply: the top passages, best first, each with its fused relevance score. */
export function renderSearch(query: string, hits: readonly SearchHit[]): BotMessage {
  const embed = fitEmbed(EXCERPT_BUDGETS, (descriptionBudget, excerptBudget) => {
    const header = questionHeader("Query", query, descriptionBudget).trimEnd();
    return {
      title: "Top passages",
      color: COLORS.info,
      description: hits.length === 0 ? `${header}\n\nNo passage matches.` : header,
      fields: hits.slice(0, LIMITS.fields).map((hit, i) => ({
        name: clip(`${i + 1}. ${hit.title}, ¶${hit.paragraph} · score ${hit.score.toFixed(3)}`, LIMITS.fieldName),
        value: excerptBudget > 0 ? clipRendered(hit.text, Math.min(excerptBudget, LIMITS.fieldValue), escapeCorpusText) : "…",
      })),
      footer: { text: "Score: fused relevance from 0 to 1 (vector and keyword search). /passage shows a whole paragraph." },
    };
  });
  return botMessage({ embeds: [embed] });
}
