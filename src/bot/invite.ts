import { OAuth2Scopes, PermissionFlagsBits } from "discord.js";

/**
 * What the bot may do in a channel. Slash-command replies travel through the interaction's own webhook and need none
 * of these; they cover the thread follow-ups (opening threads, reading and answering in them) and answers to mentions.
 * Create Private Threads is used only with THREADS=private.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.SendMessagesInThreads;

/** The link a server admin opens to add the bot, with its slash commands, to a server. */
export function inviteUrl(appId: string): string {
  const query = new URLSearchParams({
    client_id: appId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" "),
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
