import { deployCommands } from "../../bot/deploy.js";
import { readDiscordConfig, SNOWFLAKE } from "../../config/env.js";
import type { CliIo } from "../io.js";
import type { CommonOptions } from "../options.js";
import { UsageError } from "../usage.js";

/** `sitrep deploy-commands [--guild ID]`: registers the slash commands in one server (instant) or globally. */
export async function deployCommandsCommand(options: CommonOptions, io: CliIo): Promise<number> {
  if (options.guildId !== undefined && !SNOWFLAKE.test(options.guildId)) {
    throw new UsageError(`--guild takes a server id (17–20 digits; Developer Mode → right-click the server → Copy Server ID), not "${options.guildId}"`);
  }
  const result = await deployCommands({
    discord: readDiscordConfig(io.env),
    ...(options.guildId !== undefined ? { guildId: options.guildId } : {}),
  });
  const names = result.names.map((n) => `/${n}`).join(", ");
  io.out(
    result.guildId !== undefined
      ? `Registered ${result.names.length} commands in guild ${result.guildId}: ${names}. They are usable there now.`
      : `Registered ${result.names.length} global commands: ${names}. Discord can take a few minutes to show them everywhere.`,
  );
  return 0;
}
