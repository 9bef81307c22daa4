import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { AnswerEngine } from "../answer/engine.js";
import type { FeedbackStore } from "../bot/feedback-store.js";
import type { AnswerThreads } from "../bot/threads.js";
import type { Briefings } from "../bot/briefings.js";
import type { CorpusLibrary } from "../curation/library.js";

/** `/corpus`: the library that changes the corpus, and who besides Manage Server may use it. */
export interface Curation {
  readonly library: CorpusLibrary;
  /** `CURATOR_ROLE`: role ids whose members may add, remove and re-index. */
  readonly curatorRoleIds: readonly string[];
}

/** What a command may use; the engine knows nothing of Discord, commands adapt between the two. */
export interface CommandContext {
  readonly engine: AnswerEngine;
  readonly feedback: FeedbackStore;
  /** Opens follow-up threads on answers and records their conversations. */
  readonly threads: AnswerThreads;
  /** Daily briefs: schedules, previews, posts (absent when the bot runs without them). */
  readonly briefings?: Briefings;
  /** Corpus curation (absent when the bot runs without it). */
  readonly curation?: Curation;
  /** Every command the bot serves, for /help. */
  readonly commands: readonly Command[];
}

export interface CommandHelp {
  /** How the command is typed, e.g. `/ask question:<text> [private:true]`. */
  readonly usage: string;
  readonly example: string;
}

/**
 * One slash command: its registration data, and handlers for the interactions it owns. A command's buttons carry
 * custom ids that start with `<name>:`, and the router hands them back to the same command.
 */
export interface Command {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  readonly help: CommandHelp;
  /** Counted against the per-user ask limit before `execute` runs. */
  readonly rateLimited?: boolean;
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<void>;
  /** `args` are the custom id's parts after the command name. */
  button?(interaction: ButtonInteraction, args: readonly string[], context: CommandContext): Promise<void>;
}
