import { statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { UserError } from "../errors.js";
import { MODEL_SECRETS, OFFLINE_MODELS, parseModelsConfig, type ModelsConfig } from "./models.js";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_DISCORD_API_URL = "https://discord.com/api";
export const SNOWFLAKE = /^\d{17,20}$/;

/** Every problem found in the configuration at once, so one edit of `.env` can fix them all. */
export class ConfigError extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(
      "BAD_CONFIG",
      `the configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"} ` +
        `(set these in .env or the environment; .env.example lists every setting):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
}

export interface DiscordConfig {
  readonly token: string;
  /** Read from `GET /applications/@me` when absent. */
  readonly appId?: string;
  /** Base URL without the version; discord.js appends `/v10` and discovers the gateway through it. */
  readonly apiUrl: string;
}

export interface BotConfig {
  readonly discord: DiscordConfig;
  readonly corpusDir: string;
  readonly indexDir: string;
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  readonly askLimit: { readonly max: number; readonly windowMs: number };
  /** Follow-up threads: public or private, and how many turns of each conversation are kept. */
  readonly threads: { readonly privacy: "public" | "private"; readonly maxTurns: number };
  /** `BRIEFING_CATCH_UP_HOURS`: a daily brief missed while the bot was down is still posted this late. */
  readonly briefingCatchUpMs: number;
  /** `CURATOR_ROLE`: roles whose members may change the corpus with /corpus (Manage Server always may). */
  readonly curatorRoleIds: readonly string[];
  /** `SUMMARIZER`, `EMBEDDINGS` and their endpoints. */
  readonly models: ModelsConfig;
}

/** Variables whose value must never be echoed back, even in an error message. */
const SECRET = new Set<string>(["DISCORD_TOKEN", ...MODEL_SECRETS]);

const TOKEN_HELP =
  "copy it from https://discord.com/developers/applications → your application → Bot → Reset Token";

const blankIsUnset = (value: unknown): unknown => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());

const token = z.preprocess(
  blankIsUnset,
  z
    .string({ error: `is missing: ${TOKEN_HELP}` })
    .refine((t) => !/^Bot\s/i.test(t), { error: 'starts with "Bot ": put only the token itself, discord.js adds the prefix' })
    .refine((t) => !/\s/.test(t.replace(/^Bot\s+/i, "")), { error: `contains spaces or line breaks: ${TOKEN_HELP}` }),
);

const appId = optional(
  z.string().regex(SNOWFLAKE, { error: "is not an application id (17–20 digits): copy the Application ID from the General Information page, or leave it unset" }),
);

const apiUrl = optional(
  z
    .url({ protocol: /^https?$/, error: `is not an http(s) URL: leave it unset for Discord (${DEFAULT_DISCORD_API_URL}) or give a base URL such as http://127.0.0.1:8080/api` })
    .refine((u) => !/\/v\d+\/?$/.test(u), { error: "ends with an API version: drop it, discord.js appends /v10 itself" }),
);

const positiveInt = (what: string, max: number) =>
  optional(
    z.coerce
      .number({ error: `is not a number: give ${what}` })
      .int({ error: `is not a whole number: give ${what}` })
      .min(1, { error: `must be at least 1: give ${what}` })
      .max(max, { error: `must be at most ${max}: give ${what}` }),
  );

const directory = optional(z.string());

const discordShape = { DISCORD_TOKEN: token, DISCORD_APP_ID: appId, DISCORD_API_URL: apiUrl };

const botShape = {
  ...discordShape,
  CORPUS_DIR: directory,
  INDEX_DIR: directory,
  DATA_DIR: directory,
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })),
  ASK_RATE_LIMIT: positiveInt("how many asks one user may make per window (default 5)", 1000),
  ASK_RATE_WINDOW_SECONDS: positiveInt("the window in seconds (default 30)", 86_400),
  THREADS: optional(z.enum(["public", "private"], { error: "must be public or private (default public)" })),
  THREAD_MAX_TURNS: positiveInt("how many turns of a thread's conversation to keep (default 10)", 100),
  BRIEFING_CATCH_UP_HOURS: positiveInt("how many hours late a missed daily brief is still posted (default 6)", 24),
  CURATOR_ROLE: optional(
    z
      .string()
      .regex(/^\s*\d{17,20}(\s*,\s*\d{17,20})*\s*$/, {
        error: "is not a role id or a comma-separated list of them: in Discord, Server Settings → Roles → right-click the role → Copy Role ID (Developer Mode on)",
      })
      .transform((ids) => ids.split(",").map((id) => id.trim())),
  ),
};

function describe(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const name = String(issue.path[0] ?? "configuration");
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return `${name} ${issue.message}`;
  return `${name}=${SECRET.has(name) ? "(hidden)" : JSON.stringify(raw)} ${issue.message}`;
}

function parse<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv, extraProblems: readonly string[] = []): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  const problems = [...(result.success ? [] : result.error.issues.map((issue) => describe(issue, env))), ...extraProblems];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

function discordConfig(values: { DISCORD_TOKEN: string; DISCORD_APP_ID?: string | undefined; DISCORD_API_URL?: string | undefined }): DiscordConfig {
  return {
    token: values.DISCORD_TOKEN,
    apiUrl: (values.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL).replace(/\/+$/, ""),
    ...(values.DISCORD_APP_ID !== undefined ? { appId: values.DISCORD_APP_ID } : {}),
  };
}

/** Which summarizer and embedder to use (the CLI's engine commands), or a ConfigError listing every problem. */
export function readModelsConfig(env: NodeJS.ProcessEnv): ModelsConfig {
  const read = parseModelsConfig(env);
  if (!read.ok) throw new ConfigError(read.problems);
  return read.models;
}

/** What `deploy-commands` needs: the token, and where Discord is. */
export function readDiscordConfig(env: NodeJS.ProcessEnv): DiscordConfig {
  return discordConfig(parse(discordShape, env));
}

export interface BotConfigOverrides {
  /** From `--corpus` / `--index`, which win over the environment. */
  readonly corpusDir?: string;
  readonly indexDir?: string;
  readonly cwd?: string;
  readonly isDirectory?: (dir: string) => boolean;
}

function isDirectoryOnDisk(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Everything `sitrep bot` needs, or a ConfigError listing every missing or invalid setting. */
export function readBotConfig(env: NodeJS.ProcessEnv, overrides: BotConfigOverrides = {}): BotConfig {
  const cwd = overrides.cwd ?? process.cwd();
  const resolve = (dir: string | undefined, fallback: string) => path.resolve(cwd, dir ?? fallback);
  const corpusDir = overrides.corpusDir ?? resolve(blankIsUnset(env.CORPUS_DIR) as string | undefined, "corpus");
  const isDirectory = overrides.isDirectory ?? isDirectoryOnDisk;
  const corpusProblem = isDirectory(corpusDir)
    ? []
    : [`CORPUS_DIR: the corpus directory ${corpusDir} does not exist: point CORPUS_DIR (or --corpus) at the folder of articles`];
  const models = parseModelsConfig(env);
  const values = parse(botShape, env, [...corpusProblem, ...(models.ok ? [] : models.problems)]);
  return {
    discord: discordConfig(values),
    corpusDir,
    indexDir: overrides.indexDir ?? resolve(values.INDEX_DIR, path.join(".sitrep", "index")),
    dataDir: resolve(values.DATA_DIR, "data"),
    logLevel: values.LOG_LEVEL ?? "info",
    askLimit: { max: values.ASK_RATE_LIMIT ?? 5, windowMs: (values.ASK_RATE_WINDOW_SECONDS ?? 30) * 1000 },
    threads: { privacy: values.THREADS ?? "public", maxTurns: values.THREAD_MAX_TURNS ?? 10 },
    briefingCatchUpMs: (values.BRIEFING_CATCH_UP_HOURS ?? 6) * 3_600_000,
    curatorRoleIds: values.CURATOR_ROLE ?? [],
    models: models.ok ? models.models : OFFLINE_MODELS,
  };
}
