import { SlashCommandBuilder } from "discord.js";
import { UserError } from "../errors.js";
import { documentChoices } from "../bot/render/documents.js";
import { renderPassage } from "../bot/render/passage.js";
import { clipRendered, echoUserText } from "../bot/text.js";
import type { Command } from "./command.js";

export default {
  data: new SlashCommandBuilder()
    .setName("passage")
    .setDescription("The full paragraph behind a citation, so anyone can check it")
    .addStringOption((o) => o.setName("document").setDescription("The article (start typing its title)").setRequired(true).setAutocomplete(true))
    .addIntegerOption((o) => o.setName("paragraph").setDescription("Paragraph number, as in ¶3").setRequired(true).setMinValue(1)),
  help: { usage: "/passage document:<article> paragraph:<n>", example: "/passage document:north-korean-troops-in-russias-war paragraph:1" },

  async execute(interaction, { engine }) {
    const docId = interaction.options.getString("document", true);
    const n = interaction.options.getInteger("paragraph", true);
    // Checked here rather than left to the engine, whose message would echo the typed text unescaped.
    if (!engine.documents().some((d) => d.id === docId)) {
      throw new UserError("UNKNOWN_DOCUMENT", `There is no document "${clipRendered(docId, 200, echoUserText)}": pick one from the list as you type, or see /sources.`);
    }
    const { document, text } = engine.paragraph(docId, n);
    await interaction.reply(renderPassage(document, n, text));
  },

  async autocomplete(interaction, { engine }) {
    await interaction.respond(documentChoices(engine.documents(), interaction.options.getFocused(), (d) => `${d.title} (${d.paragraphs} ¶)`));
  },
} satisfies Command;
