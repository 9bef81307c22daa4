import { Client, GatewayIntentBits } from "discord.js";
import { NO_MENTIONS } from "./render/message.js";

/**
 * The intents the bot asks for. Guilds carries slash commands and thread events; GuildMessages delivers messages in
 * the server (follow-ups in threads, mentions). MessageContent is privileged: without it Discord blanks the text of
 * every message except those that mention the bot (mention-only mode).
 */
export function botIntents(messageContent: boolean): GatewayIntentBits[] {
  return [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, ...(messageContent ? [GatewayIntentBits.MessageContent] : [])];
}

/**
 * The discord.js client the bot runs on. `apiUrl` is also how discord.js finds the gateway, so one setting points the
 * whole bot at a proxy or a local test server.
 */
export function createClient(apiUrl: string, options: { messageContent: boolean }): Client {
  return new Client({
    intents: botIntents(options.messageContent),
    rest: { api: apiUrl },
    // A second guard: every message already sets this, but a forgotten one must still ping no one.
    allowedMentions: NO_MENTIONS,
  });
}
