import { MessageFlags, SlashCommandBuilder, type ButtonInteraction } from "discord.js";
import { cleanQuestion, MAX_QUESTION_LENGTH } from "../answer/engine.js";
import { UserError } from "../errors.js";
import type { FeedbackStore } from "../bot/feedback-store.js";
import { ANSWER_ACTIONS, renderAnswer } from "../bot/render/answer.js";
import { FOLLOW_UP_NOT_YET, voteAcknowledgement } from "../bot/render/feedback.js";
import { renderFullSources } from "../bot/render/full-sources.js";
import { ephemeral, textMessage } from "../bot/render/message.js";
import type { Command } from "./command.js";

function storedAnswer(feedback: FeedbackStore, answerId: string | undefined) {
  const stored = answerId !== undefined ? feedback.answer(answerId) : undefined;
  if (!stored) throw new UserError("UNKNOWN_ANSWER", "That answer is no longer stored. Ask again with /ask.");
  return stored;
}

async function showSources(interaction: ButtonInteraction, feedback: FeedbackStore, answerId: string | undefined): Promise<void> {
  const [first, ...rest] = renderFullSources(storedAnswer(feedback, answerId).citations);
  await interaction.reply(ephemeral(first!));
  for (const message of rest) await interaction.followUp(ephemeral(message));
}

export default {
  data: new SlashCommandBuilder()
    .setName("ask")
    .setDescription("Ask the article corpus: a short answer in which every sentence cites its source")
    .addStringOption((o) =>
      o.setName("question").setDescription("What you want to know").setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
    )
    .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer (default: the whole channel)")),
  help: {
    usage: "/ask question:<text> [private:true]",
    example: "/ask question:How many North Korean soldiers were sent to Kursk?",
  },
  rateLimited: true,

  async execute(interaction, { engine, feedback }) {
    // Validated before deferring, so a typo gets a private reply instead of a public "thinking…" turned error.
    const question = cleanQuestion(interaction.options.getString("question", true));
    const isPrivate = interaction.options.getBoolean("private") ?? false;
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
    const answer = await engine.ask(question);
    const answerId = feedback.saveAnswer(answer, {
      userId: interaction.user.id,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
    });
    await interaction.editReply(renderAnswer(answer, answerId));
  },

  async button(interaction, [action, answerId], { feedback }) {
    switch (action) {
      case ANSWER_ACTIONS.sources:
        return showSources(interaction, feedback, answerId);
      case ANSWER_ACTIONS.up:
      case ANSWER_ACTIONS.down: {
        const outcome = feedback.vote(answerId ?? "", interaction.user.id, action);
        await interaction.reply(ephemeral(textMessage(voteAcknowledgement(action, outcome))));
        return;
      }
      case ANSWER_ACTIONS.thread:
        await interaction.reply(ephemeral(textMessage(FOLLOW_UP_NOT_YET)));
        return;
      default:
        throw new UserError("UNKNOWN_COMMAND", "This button is from an older version of the bot. Ask again with /ask.");
    }
  },
} satisfies Command;
