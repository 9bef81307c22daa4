import { MessageFlags, SlashCommandBuilder } from "discord.js";
import { renderHelp } from "../bot/render/help.js";
import type { Command } from "./command.js";

export default {
  data: new SlashCommandBuilder().setName("help").setDescription("What each sitrep command does, with an example"),
  help: { usage: "/help", example: "/help" },

  async execute(interaction, { commands }) {
    const entries = commands.map((c) => ({ usage: c.help.usage, description: c.data.toJSON().description, example: c.help.example }));
    await interaction.reply({ ...renderHelp(entries), flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
