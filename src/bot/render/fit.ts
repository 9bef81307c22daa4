import type { APIEmbed } from "discord.js";
import { embedLength, LIMITS } from "../limits.js";

/** Whether Discord accepts this embed on its own (a message carrying only it). */
export function embedFits(embed: APIEmbed): boolean {
  const fields = embed.fields ?? [];
  return (
    embedLength(embed) <= LIMITS.embedTotal &&
    (embed.description?.length ?? 0) <= LIMITS.description &&
    (embed.title?.length ?? 0) <= LIMITS.title &&
    fields.length <= LIMITS.fields &&
    fields.every((f) => f.value.length <= LIMITS.fieldValue && f.name.length <= LIMITS.fieldName)
  );
}

/** Description budgets tried in turn: the full description first, shorter ones only when the fields need the room. */
export const DESCRIPTION_BUDGETS = [LIMITS.description, 3000, 2000, 1200, 600, 300] as const;

/**
 * Builds an embed with the most generous budgets that fit Discord's limits. `build` gets a description budget and a
 * detail budget (how long each quote or excerpt may be); detail shrinks first, since it is the cheaper loss.
 */
export function fitEmbed(detailBudgets: readonly number[], build: (descriptionBudget: number, detailBudget: number) => APIEmbed): APIEmbed {
  let last: APIEmbed = {};
  for (const description of DESCRIPTION_BUDGETS) {
    for (const detail of detailBudgets.length > 0 ? detailBudgets : [0]) {
      last = build(description, detail);
      if (embedFits(last)) return last;
    }
  }
  // Only pathological input gets here (hundreds of markers in one sentence): say so rather than send what Discord
  // rejects, or show markers without their Sources.
  return { title: last.title ?? "", description: "This reply is too long to show in Discord.", ...(last.footer ? { footer: last.footer } : {}) };
}

/**
 * Packs text blocks into chunks of at most `max` characters joined by `separator`, in order. A block longer than
 * `max` must have been clipped by the caller.
 */
export function packBlocks(blocks: readonly string[], max: number, separator = "\n"): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const block of blocks) {
    const joined = current === "" ? block : `${current}${separator}${block}`;
    if (joined.length <= max) {
      current = joined;
    } else {
      if (current !== "") chunks.push(current);
      current = block.slice(0, max);
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}
