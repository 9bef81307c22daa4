import type { RepliableInteraction } from "discord.js";
import { ephemeral, textMessage } from "./render/message.js";

/**
 * Tells the user something only they should see, whatever state the interaction is in. A public "thinking…"
 * placeholder cannot become ephemeral, so it is deleted and the message follows privately.
 */
export async function replyPrivately(interaction: RepliableInteraction, content: string): Promise<void> {
  const message = ephemeral(textMessage(content));
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(message);
    return;
  }
  // A deferred button update acknowledged the message the button sits on; deleting "the reply" would delete that.
  if (interaction.deferred && !interaction.replied && !interaction.isMessageComponent()) {
    if (interaction.ephemeral === true) {
      await interaction.editReply({ content: message.content ?? "", embeds: [], components: [], allowedMentions: message.allowedMentions });
      return;
    }
    await interaction.deleteReply();
  }
  await interaction.followUp(message);
}
