import { SlashCommandBuilder } from "discord.js";
import { UserError } from "../errors.js";
import { filterDocuments, MAX_FILTER_LENGTH, PAGE_ACTION, renderDocuments } from "../bot/render/documents.js";
import type { Command } from "./command.js";

export default {
  data: new SlashCommandBuilder()
    .setName("sources")
    .setDescription("The articles sitrep answers from: title, date and paragraphs")
    .addStringOption((o) =>
      o.setName("filter").setDescription("Only articles whose title, id or source contains this").setMaxLength(MAX_FILTER_LENGTH),
    ),
  help: { usage: "/sources [filter:<text>]", example: "/sources filter:korea" },

  async execute(interaction, { engine }) {
    const filter = interaction.options.getString("filter") ?? "";
    await interaction.reply(renderDocuments(filterDocuments(engine.documents(), filter), filter, 1));
  },

  async button(interaction, [action, page, ...filterParts], { engine }) {
    if (action !== PAGE_ACTION) throw new UserError("UNKNOWN_COMMAND", "This button is from an older version of the bot. Run /sources again.");
    // The filter may itself contain ":", which split the custom id apart.
    const filter = filterParts.join(":");
    await interaction.update(renderDocuments(filterDocuments(engine.documents(), filter), filter, Number(page)));
  },
} satisfies Command;
