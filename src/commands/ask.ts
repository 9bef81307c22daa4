import { MessageFlags, SlashCommandBuilder, type ButtonInteraction } from "discord.js";
import { cleanQuestion, MAX_QUESTION_LENGTH } from "../answer/engine.js";
import { UserError } from "../errors.js";
import type { FeedbackStore, StoredAnswer } from "../bot/feedback-store.js";
import { ANSWER_ACTIONS, renderAnswer } from "../bot/render/answer.js";
import { voteAcknowledgement } from "../bot/render/feedback.js";
import { renderFullSources } from "../bot/render/full-sources.js";
import { ephemeral, textMessage } from "../bot/render/message.js";
import { threadOpened } from "../bot/render/thread-answer.js";
import type { AnswerThreads, ThreadOrigin } from "../bot/threads.js";
import type { Command } from "./command.js";

function storedAnswer(feedback: FeedbackStore, answerId: string | undefined) {
  const stored = answerId !== undefined ? feedback.answer(answerId) : undefined;
  if (!stored) throw new UserError("UNKNOWN_ANSWER", "That answer is no longer stored. Ask again with /ask.");
  return stored;
}

const origin = (stored: StoredAnswer): ThreadOrigin => ({ ...stored, answerId: stored.id });

async function showSources(interaction: ButtonInteraction, feedback: FeedbackStore, answerId: string | undefined): Promise<void> {
  const [first, ...rest] = renderFullSources(storedAnswer(feedback, answerId).citations);
  await interaction.reply(ephemeral(first!));
  for (const message of rest) await interaction.followUp(ephemeral(message));
}

/** "Follow up in thread": opens the answer's thread, or points to the one it already has. */
async function followUpInThread(interaction: ButtonInteraction, feedback: FeedbackStore, threads: AnswerThreads, answerId: string | undefined): Promise<void> {
  const stored = storedAnswer(feedback, answerId);
  const existing = await threads.existing(stored.id, interaction.client);
  if (existing !== undefined) {
    await interaction.reply(ephemeral(textMessage(threadOpened(existing, { existing: true }))));
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const opened = await threads.open(interaction.message, origin(stored), interaction.user.id, interaction.appPermissions);
  await interaction.editReply(textMessage(threadOpened(opened.thread.id, { private: opened.private })));
}

export default {
  data: new SlashCommandBuilder()
    .setName("ask")
    .setDescription("Ask the article corpus: a short answer in which every sentence cites its source")
    .addStringOption((o) =>
      o.setName("question").setDescription("What you want to know").setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
    )
    .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer (default: the whole channel)"))
    .addBooleanOption((o) => o.setName("thread").setDescription("Open a thread on the answer for follow-up questions")),
  help: {
    usage: "/ask question:<text> [private:true] [thread:true]",
    example: "/ask question:How many North Korean soldiers were sent to Kursk? thread:true",
  },
  rateLimited: true,

  async execute(interaction, { engine, feedback, threads }) {
    // Validated before deferring, so a typo gets a private reply instead of a public "thinking…" turned error.
    const question = cleanQuestion(interaction.options.getString("question", true));
    const isPrivate = interaction.options.getBoolean("private") ?? false;
    const thread = interaction.options.getBoolean("thread") ?? false;
    if (thread) threads.checkCanOpen({ ephemeral: isPrivate, channel: interaction.channel });
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
    const answer = await engine.ask(question);
    const answerId = feedback.saveAnswer(answer, {
      userId: interaction.user.id,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
    });
    const reply = await interaction.editReply(renderAnswer(answer, answerId));
    if (!thread) return;
    const asked = { ...answer, answerId, askedBy: interaction.user.id };
    const opened = await threads.open(reply, asked, interaction.user.id, interaction.appPermissions);
    // A public thread shows under the answer; a private one is elsewhere in the channel, so the asker is pointed to it.
    if (opened.private) await interaction.followUp(ephemeral(textMessage(threadOpened(opened.thread.id, { private: true }))));
  },

  async button(interaction, [action, answerId], { feedback, threads }) {
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
        return followUpInThread(interaction, feedback, threads, answerId);
      default:
        throw new UserError("UNKNOWN_COMMAND", "This button is from an older version of the bot. Ask again with /ask.");
    }
  },
} satisfies Command;
