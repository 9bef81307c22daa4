import { randomBytes } from "node:crypto";
import {
  DiscordAPIError,
  RESTJSONErrorCodes,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from "discord.js";
import { isUserError, UserError } from "../errors.js";
import type { Command, CommandContext } from "../commands/command.js";
import { parseCustomId } from "./custom-id.js";
import type { Logger } from "./logger.js";
import type { RateLimiter } from "./rate-limiter.js";
import { replyPrivately } from "./reply.js";

export interface RouterOptions {
  readonly commands: readonly Command[];
  readonly context: Omit<CommandContext, "commands">;
  readonly askLimiter: RateLimiter;
  readonly log: Logger;
}

/** A short code the user can quote and the team can find in the logs. */
export function errorRef(): string {
  return randomBytes(3).toString("hex").toUpperCase();
}

/** What a user sees when something failed that they cannot fix: the ref leads the team to the log line. */
export function internalErrorMessage(ref: string): string {
  return `Something went wrong (ref ${ref}). Try again; if it keeps happening, give the bot's maintainers that ref.`;
}

/** Log fields naming the interaction; `name` is taken by pino for the logger's name. */
function describe(interaction: Interaction): { kind: string; target?: string } {
  if (interaction.isChatInputCommand()) return { kind: "command", target: interaction.commandName };
  if (interaction.isAutocomplete()) return { kind: "autocomplete", target: interaction.commandName };
  if (interaction.isMessageComponent()) return { kind: "button", target: interaction.customId };
  return { kind: `type ${interaction.type}` };
}

/** Discord refuses every further response to this interaction: it expired (3 s / 15 min) or was already acknowledged. */
function isGoneInteraction(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction || error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)
  );
}

const stale = (what: string) =>
  new UserError("UNKNOWN_COMMAND", `${what} is not served by this bot any more; ask an admin to run \`sitrep deploy-commands\`.`);

/**
 * The one place interactions enter: finds the command that owns each one and turns failures into replies. A user
 * mistake (UserError) gets its friendly message; anything else gets a reference the logs can be searched for. It never
 * throws, so one failing handler cannot stop the bot from serving the next interaction.
 */
export class InteractionRouter {
  private readonly byName: ReadonlyMap<string, Command>;
  private readonly context: CommandContext;

  constructor(private readonly options: RouterOptions) {
    this.byName = new Map(options.commands.map((c) => [c.data.name, c]));
    this.context = { ...options.context, commands: options.commands };
  }

  async handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const log = this.options.log.child({ interaction: interaction.id, user: interaction.user.id, ...describe(interaction) });
    try {
      if (interaction.isChatInputCommand()) await this.command(interaction);
      else if (interaction.isAutocomplete()) await this.autocomplete(interaction);
      else if (interaction.isButton()) await this.button(interaction);
      else return;
      log.info({ ms: Math.round(performance.now() - started) }, "interaction handled");
    } catch (error) {
      await this.fail(interaction, error, log);
    }
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = this.byName.get(interaction.commandName);
    if (!command) throw stale(`/${interaction.commandName}`);
    if (command.rateLimited === true) this.options.askLimiter.enforce(interaction.user.id);
    await command.execute(interaction, this.context);
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = this.byName.get(interaction.commandName);
    if (!command?.autocomplete) {
      await interaction.respond([]);
      return;
    }
    await command.autocomplete(interaction, this.context);
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const { command: name, args } = parseCustomId(interaction.customId);
    const command = this.byName.get(name);
    if (!command?.button) throw stale("This button");
    await command.button(interaction, args, this.context);
  }

  private async fail(interaction: Interaction, error: unknown, log: Logger): Promise<void> {
    if (isGoneInteraction(error)) {
      // Expired or already answered: a reply would fail the same way, and count as a second answer attempt.
      log.warn({ err: error }, "the interaction can no longer be answered");
      return;
    }
    let message: string;
    if (isUserError(error)) {
      log.info({ code: error.code }, "user error");
      message = error.message;
    } else {
      const ref = errorRef();
      log.error({ err: error, ref }, "interaction failed");
      message = internalErrorMessage(ref);
    }
    try {
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]);
      } else if (interaction.isRepliable()) {
        await replyPrivately(interaction, message);
      }
    } catch (replyError) {
      // Typically the interaction expired (10062): nothing more can reach the user, the log line is what remains.
      log.warn({ err: replyError }, "could not tell the user about the failure");
    }
  }
}
