import { SlashCommandBuilder } from "discord.js";
import { cleanQuestion, MAX_QUESTION_LENGTH } from "../answer/engine.js";
import { topicBrief } from "../answer/topic-brief.js";
import { renderBrief } from "../bot/render/brief.js";
import type { Command } from "./command.js";

export default {
  data: new SlashCommandBuilder()
    .setName("brief")
    .setDescription("A briefing on a topic: 3 to 6 cited bullet points, grouped by article")
    .addStringOption((o) => o.setName("topic").setDescription("The topic, in a few words").setRequired(true).setMaxLength(MAX_QUESTION_LENGTH)),
  help: { usage: "/brief topic:<text>", example: "/brief topic:North Korean troops in Russia" },
  // A briefing runs a full answer, so it draws on the same per-user allowance as /ask.
  rateLimited: true,

  async execute(interaction, { engine }) {
    const topic = cleanQuestion(interaction.options.getString("topic", true));
    await interaction.deferReply();
    await interaction.editReply(renderBrief(await topicBrief(engine, topic)));
  },
} satisfies Command;
