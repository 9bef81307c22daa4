import { SlashCommandBuilder } from "discord.js";
import { MAX_QUESTION_LENGTH } from "../answer/engine.js";
import { renderSearch } from "../bot/render/search.js";
import type { Command } from "./command.js";

export const MAX_SEARCH_K = 10;

export default {
  data: new SlashCommandBuilder()
    .setName("search")
    .setDescription("The passages that best match a query, with their relevance scores")
    .addStringOption((o) => o.setName("query").setDescription("Words or a question").setRequired(true).setMaxLength(MAX_QUESTION_LENGTH))
    .addIntegerOption((o) =>
      o.setName("k").setDescription(`How many passages (1–${MAX_SEARCH_K}, default 5)`).setMinValue(1).setMaxValue(MAX_SEARCH_K),
    ),
  help: { usage: "/search query:<text> [k:1–10]", example: "/search query:Kursk k:3" },

  async execute(interaction, { engine }) {
    const query = interaction.options.getString("query", true);
    const k = interaction.options.getInteger("k") ?? 5;
    await interaction.deferReply();
    const hits = await engine.search(query, { k });
    await interaction.editReply(renderSearch(query, hits));
  },
} satisfies Command;
