import type { APIEmbed } from "discord.js";

/** Discord's documented message limits; a body over any of them is rejected with 50035 and the user sees nothing. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of every embed's title, description, field names and values, footer and author name. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
} as const;

export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

/** Every limit a message body breaks, described; empty when Discord would accept it. */
export function limitProblems(message: { readonly content?: string; readonly embeds?: readonly APIEmbed[] }): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number): void => {
    if (length > max) problems.push(`${what} is ${length} long (max ${max})`);
  };
  over("content", message.content?.length ?? 0, LIMITS.content);
  const embeds = message.embeds ?? [];
  over("embed count", embeds.length, LIMITS.embeds);
  embeds.forEach((embed, i) => {
    over(`embed ${i} title`, embed.title?.length ?? 0, LIMITS.title);
    over(`embed ${i} description`, embed.description?.length ?? 0, LIMITS.description);
    over(`embed ${i} footer`, embed.footer?.text.length ?? 0, LIMITS.footer);
    over(`embed ${i} author`, embed.author?.name.length ?? 0, LIMITS.authorName);
    over(`embed ${i} field count`, embed.fields?.length ?? 0, LIMITS.fields);
    (embed.fields ?? []).forEach((field, j) => {
      over(`embed ${i} field ${j} name`, field.name.length, LIMITS.fieldName);
      over(`embed ${i} field ${j} value`, field.value.length, LIMITS.fieldValue);
      if (field.name.length === 0 || field.value.length === 0) problems.push(`embed ${i} field ${j} is empty`);
    });
  });
  over("embeds in total", embeds.reduce((sum, e) => sum + embedLength(e), 0), LIMITS.embedTotal);
  return problems;
}
