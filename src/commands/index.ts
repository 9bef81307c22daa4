import type { Command } from "./command.js";
import ask from "./ask.js";
import brief from "./brief.js";
import corpus from "./corpus.js";
import briefing from "./briefing.js";
import help from "./help.js";
import passage from "./passage.js";
import search from "./search.js";
import sources from "./sources.js";

/** Every slash command the bot serves and `deploy-commands` registers, in the order /help lists them. */
export const commands: readonly Command[] = [ask, search, brief, sources, passage, briefing, corpus, help];
