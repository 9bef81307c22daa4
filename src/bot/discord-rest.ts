import { REST, Routes, type APIApplication } from "discord.js";
import type { DiscordConfig } from "../config/env.js";
import { explainDiscordError } from "./discord-errors.js";

export function createRest(discord: DiscordConfig): REST {
  return new REST({ api: discord.apiUrl }).setToken(discord.token);
}

/** The application behind the token: proves the token works before anything slow starts, and gives the app id. */
export async function fetchApplication(rest: REST, discord: DiscordConfig): Promise<APIApplication> {
  try {
    return (await rest.get(Routes.currentApplication())) as APIApplication;
  } catch (error) {
    throw explainDiscordError(error, discord.apiUrl);
  }
}
