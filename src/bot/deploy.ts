import { DiscordAPIError, Routes } from "discord.js";
import type { Command } from "../commands/command.js";
import { commands as allCommands } from "../commands/index.js";
import type { DiscordConfig } from "../config/env.js";
import { UserError } from "../errors.js";
import { explainDiscordError } from "./discord-errors.js";
import { createRest, fetchApplication } from "./discord-rest.js";

export interface DeployOptions {
  readonly discord: DiscordConfig;
  /** Registers in this guild (instant, for testing) instead of globally. */
  readonly guildId?: string;
  readonly commands?: readonly Command[];
}

export interface DeployResult {
  readonly appId: string;
  readonly guildId?: string;
  readonly names: readonly string[];
}

function refusal(error: unknown, options: DeployOptions, appId: string): unknown {
  if (!(error instanceof DiscordAPIError) || error.status !== 403) return explainDiscordError(error, options.discord.apiUrl);
  if (options.guildId !== undefined && error.code === 50001) {
    return new UserError(
      "NOT_ALLOWED",
      `the bot cannot register commands in guild ${options.guildId}: invite it to that server first (README, "Discord bot"), or check --guild.`,
    );
  }
  return new UserError("NOT_ALLOWED", `Discord refused to register commands for application ${appId}: check DISCORD_APP_ID belongs to this token, or leave it unset.`);
}

/**
 * Replaces the registered slash commands with ours, in one guild or globally. A bulk overwrite, so commands removed
 * from the code disappear from Discord too. Run on demand, never at start-up: registration is rate limited.
 */
export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const rest = createRest(options.discord);
  const appId = options.discord.appId ?? (await fetchApplication(rest, options.discord)).id;
  const commands = options.commands ?? allCommands;
  const route = options.guildId !== undefined ? Routes.applicationGuildCommands(appId, options.guildId) : Routes.applicationCommands(appId);
  try {
    await rest.put(route, { body: commands.map((c) => c.data.toJSON()) });
  } catch (error) {
    throw refusal(error, options, appId);
  }
  return { appId, names: commands.map((c) => c.data.name), ...(options.guildId !== undefined ? { guildId: options.guildId } : {}) };
}
