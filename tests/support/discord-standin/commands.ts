import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type InteractionContextType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
} from "discord-api-types/v10";
import { snowflake } from "./ids.js";
import { invalidFormBody, isRecord, type ApiError } from "./messages.js";

type Problem = Parameters<typeof invalidFormBody>[0][number];

// Discord's documented CHAT_INPUT name rule; it additionally requires lowercase where a case exists.
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkName(name: unknown, path: (string | number)[], problems: Problem[]): void {
  if (typeof name !== "string" || !CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
    problems.push({ path: [...path, "name"], code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" });
  }
}

function checkDescription(description: unknown, path: (string | number)[], problems: Problem[]): void {
  if (typeof description !== "string" || description.length < 1 || description.length > 100) {
    problems.push({ path: [...path, "description"], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
  }
}

function checkOptions(options: unknown, path: (string | number)[], problems: Problem[]): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    problems.push({ path, code: "BASE_TYPE_ARRAY", message: "Must be an array." });
    return;
  }
  if (options.length > 25) problems.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
  let sawOptional = false;
  options.forEach((option: unknown, index) => {
    const here = [...path, index];
    if (!isRecord(option)) return;
    checkName(option.name, here, problems);
    checkDescription(option.description, here, problems);
    if (option.required === true && sawOptional) {
      problems.push({
        path: here,
        code: "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        message: "Required options must be placed before non-required options",
      });
    }
    if (option.required !== true) sawOptional = true;
    if (Array.isArray(option.choices) && option.choices.length > 25) {
      problems.push({ path: [...here, "choices"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
    }
    const nested =
      option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) checkOptions(option.options, [...here, "options"], problems);
  });
}

/** Catches registration bugs locally that Discord would reject with 50035. */
export function validateCommands(bodies: unknown[]): ApiError | null {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  bodies.forEach((body, index) => {
    if (!isRecord(body)) {
      problems.push({ path: [index], code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used in a ModelType" });
      return;
    }
    const type = (typeof body.type === "number" ? body.type : ApplicationCommandType.ChatInput) as ApplicationCommandType;
    if (type === ApplicationCommandType.ChatInput) {
      checkName(body.name, [index], problems);
      checkDescription(body.description, [index], problems);
      checkOptions(body.options, [index, "options"], problems);
    }
    const key = `${type}:${String(body.name)}`;
    if (seen.has(key)) {
      problems.push({ path: [index, "name"], code: "APPLICATION_COMMANDS_DUPLICATE_NAME", message: "Application command names must be unique" });
    }
    seen.add(key);
  });
  return problems.length > 0 ? invalidFormBody(problems) : null;
}

/** Shapes a registration body into what Discord returns, keeping the id of a same-named command. */
export function toCommand(
  body: Record<string, unknown>,
  applicationId: string,
  guildId: string | undefined,
  existing: APIApplicationCommand | undefined,
): APIApplicationCommand {
  const type = (typeof body.type === "number" ? body.type : ApplicationCommandType.ChatInput) as ApplicationCommandType;
  return {
    id: existing?.id ?? snowflake(),
    type,
    application_id: applicationId,
    ...(guildId !== undefined ? { guild_id: guildId } : {}),
    name: String(body.name),
    name_localizations: isRecord(body.name_localizations) ? body.name_localizations : null,
    description: typeof body.description === "string" ? body.description : "",
    description_localizations: isRecord(body.description_localizations) ? body.description_localizations : null,
    ...(Array.isArray(body.options) ? { options: body.options as APIApplicationCommandOption[] } : {}),
    default_member_permissions: typeof body.default_member_permissions === "string" ? body.default_member_permissions : null,
    ...(guildId === undefined ? { dm_permission: body.dm_permission !== false } : {}),
    nsfw: body.nsfw === true,
    integration_types: Array.isArray(body.integration_types)
      ? (body.integration_types as ApplicationIntegrationType[])
      : [ApplicationIntegrationType.GuildInstall],
    contexts: Array.isArray(body.contexts) ? (body.contexts as InteractionContextType[]) : null,
    version: snowflake(),
  };
}
