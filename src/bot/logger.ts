import { pino, type Logger } from "pino";
import type { LogLevel } from "../config/env.js";

export type { Logger } from "pino";


export interface LoggerOptions {
  readonly level: LogLevel;
  /** Values that must never reach a log line (the bot token, model API keys), wherever they appear. */
  readonly secrets?: readonly string[];
  /** Where each JSON line goes (without its newline); stdout when absent. */
  readonly write?: (line: string) => void;
}

const REDACTED = "[redacted]";

/** Fields that hold credentials in the objects the bot logs. */
const REDACT_PATHS = [
  "token",
  "*.token",
  "discordToken",
  "*.discordToken",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "apiKey",
  "*.apiKey",
];

// Interaction tokens ride in REST paths (/webhooks/:app/:token, /interactions/:id/:token) and so in error messages;
// each is a 15-minute credential to answer as the bot.
const INTERACTION_TOKEN_IN_PATH = /(\/(?:webhooks|interactions)\/\d+\/)[\w.-]+/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Removes secrets from a serialized line: path redaction misses tokens inside messages and stacks, this does not. */
export function scrubber(secrets: readonly string[]): (line: string) => string {
  const literal = secrets.filter((s) => s.length >= 8).map(escapeRegExp);
  const pattern = literal.length > 0 ? new RegExp(literal.join("|"), "g") : undefined;
  return (line) => {
    const scrubbed = line.replace(INTERACTION_TOKEN_IN_PATH, `$1${REDACTED}`);
    return pattern ? scrubbed.replace(pattern, REDACTED) : scrubbed;
  };
}

/** Structured JSON logs (pino) with credentials redacted by field and scrubbed from every line. */
export function createLogger(options: LoggerOptions): Logger {
  const scrub = scrubber(options.secrets ?? []);
  const settings = {
    name: "sitrep",
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: { streamWrite: scrub },
  };
  const write = options.write;
  return write ? pino(settings, { write: (line: string) => write(line.replace(/\n$/, "")) }) : pino(settings);
}
