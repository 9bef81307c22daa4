import { Client, GatewayIntentBits } from "discord.js";
import { NO_MENTIONS } from "./render/message.js";

/**
 * The discord.js client the bot runs on. Guilds is the only intent slash commands need; Message Content (privileged)
 * will come with the thread follow-ups. `apiUrl` is also how discord.js finds the gateway, so one setting points the
 * whole bot at a proxy or a local test server.
 */
export function createClient(apiUrl: string): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: apiUrl },
    // A second guard: every message already sets this, but a forgotten one must still ping no one.
    allowedMentions: NO_MENTIONS,
  });
}
