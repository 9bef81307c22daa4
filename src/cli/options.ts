import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { UploadMetadata } from "../curation/upload.js";
import { UsageError } from "./usage.js";

export interface CommonOptions {
  readonly corpusDir: string;
  readonly indexDir: string;
  readonly json: boolean;
  readonly k?: number;
  /** `deploy-commands --guild ID`. */
  readonly guildId?: string;
  /** `brief --topic "a; b"`. */
  readonly topics?: readonly string[];
  /** `brief --since DATE`. */
  readonly since?: Date;
  /** `brief --tz ZONE`. */
  readonly timeZone?: string;
  /** `add --title … --published … --source … --url …`. */
  readonly metadata: UploadMetadata;
}

const OPTIONS = {
  corpus: { type: "string" },
  index: { type: "string" },
  json: { type: "boolean", default: false },
  k: { type: "string" },
  guild: { type: "string" },
  topic: { type: "string", multiple: true },
  since: { type: "string" },
  tz: { type: "string" },
  title: { type: "string" },
  published: { type: "string" },
  source: { type: "string" },
  url: { type: "string" },
  help: { type: "boolean", default: false },
} satisfies ParseArgsConfig["options"];

export interface ParsedCommand {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly options: CommonOptions;
  readonly help: boolean;
}

/** An empty variable (as a copied .env.example leaves it) counts as unset. */
function setting(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}

export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0] ?? "bad arguments");
  }
  const [command, ...positionals] = parsed.positionals;
  const { values } = parsed;
  let k: number | undefined;
  if (values.k !== undefined) {
    k = Number(values.k);
    if (!Number.isInteger(k) || k < 1 || k > 20) throw new UsageError(`--k takes a whole number from 1 to 20, not "${values.k}"`);
  }
  let since: Date | undefined;
  if (values.since !== undefined) {
    since = new Date(values.since);
    if (Number.isNaN(since.getTime())) throw new UsageError(`--since takes a date such as 2026-11-25 or 2026-11-25T08:00Z, not "${values.since}"`);
  }
  const topics = (values.topic ?? []).flatMap((t) => t.split(";")).map((t) => t.trim()).filter(Boolean);
  return {
    command,
    positionals,
    help: values.help,
    options: {
      corpusDir: path.resolve(values.corpus ?? setting(env.CORPUS_DIR) ?? "corpus"),
      indexDir: path.resolve(values.index ?? setting(env.INDEX_DIR) ?? path.join(".sitrep", "index")),
      json: values.json,
      ...(k !== undefined ? { k } : {}),
      ...(values.guild !== undefined ? { guildId: values.guild } : {}),
      ...(topics.length > 0 ? { topics } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(values.tz !== undefined ? { timeZone: values.tz } : {}),
      metadata: {
        ...(values.title !== undefined ? { title: values.title } : {}),
        ...(values.published !== undefined ? { published: values.published } : {}),
        ...(values.source !== undefined ? { source: values.source } : {}),
        ...(values.url !== undefined ? { url: values.url } : {}),
      },
    },
  };
}
