import { z } from "zod";

/** An OpenAI-compatible chat endpoint that writes summaries (`SUMMARIZER=llm`). */
export interface LlmConfig {
  /** Absent: OpenAI itself. */
  readonly baseUrl?: string;
  readonly model: string;
  /** Absent: a local server that needs none (a placeholder is sent, as the OpenAI client insists on one). */
  readonly apiKey?: string;
  readonly timeoutMs: number;
}

export type SummarizerConfig = { readonly kind: "extractive" } | { readonly kind: "llm"; readonly llm: LlmConfig };

export type EmbeddingsConfig =
  | { readonly kind: "local" }
  | { readonly kind: "openai"; readonly model: string; readonly baseUrl?: string; readonly apiKey?: string; readonly timeoutMs: number }
  | { readonly kind: "ollama"; readonly model: string; readonly baseUrl: string; readonly timeoutMs: number };

/** Which summarizer and which embedder the engine uses; both default to the offline ones. */
export interface ModelsConfig {
  readonly summarizer: SummarizerConfig;
  readonly embeddings: EmbeddingsConfig;
}

export const OFFLINE_MODELS: ModelsConfig = { summarizer: { kind: "extractive" }, embeddings: { kind: "local" } };

/** Variables whose value must never be echoed back or logged. */
export const MODEL_SECRETS = ["LLM_API_KEY", "EMBEDDINGS_API_KEY"] as const;

export const DEFAULT_LLM_TIMEOUT_MS = 20_000;
export const DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434";
const DEFAULT_EMBEDDINGS_TIMEOUT_MS = 60_000;
const DEFAULT_EMBEDDINGS_MODEL = { openai: "text-embedding-3-small", ollama: "nomic-embed-text" } as const;

const blankIsUnset = (value: unknown): unknown => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());

const httpUrl = (example: string) =>
  optional(z.url({ protocol: /^https?$/, error: `is not an http(s) URL: give a base URL such as ${example}` }));

const milliseconds = (what: string) =>
  optional(
    z.coerce
      .number({ error: `is not a number: give ${what}` })
      .int({ error: `is not a whole number: give ${what}` })
      .min(100, { error: `must be at least 100: give ${what}` })
      .max(600_000, { error: `must be at most 600000: give ${what}` }),
  );

const modelShape = {
  SUMMARIZER: optional(z.enum(["extractive", "llm"], { error: "must be extractive or llm (default extractive)" })),
  LLM_BASE_URL: httpUrl("http://127.0.0.1:11434/v1 (Ollama), or leave it unset for OpenAI"),
  LLM_MODEL: optional(z.string()),
  LLM_API_KEY: optional(z.string()),
  LLM_TIMEOUT_MS: milliseconds(`how long to wait for a summary before falling back to the extractive one (default ${DEFAULT_LLM_TIMEOUT_MS})`),
  EMBEDDINGS: optional(z.enum(["local", "openai", "ollama"], { error: "must be local, openai or ollama (default local)" })),
  EMBEDDINGS_MODEL: optional(z.string()),
  EMBEDDINGS_BASE_URL: httpUrl(`${DEFAULT_OLLAMA_URL} (Ollama) or https://api.openai.com/v1`),
  EMBEDDINGS_API_KEY: optional(z.string()),
  EMBEDDINGS_TIMEOUT_MS: milliseconds(`how long one embeddings request may take (default ${DEFAULT_EMBEDDINGS_TIMEOUT_MS})`),
};

type ModelValues = z.infer<z.ZodObject<typeof modelShape>>;

function describe(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const name = String(issue.path[0] ?? "configuration");
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return `${name} ${issue.message}`;
  const hidden = (MODEL_SECRETS as readonly string[]).includes(name);
  return `${name}=${hidden ? "(hidden)" : JSON.stringify(raw)} ${issue.message}`;
}

/** Problems that depend on more than one variable: what a chosen provider still needs. */
function combinationProblems(values: ModelValues): string[] {
  const problems: string[] = [];
  if (values.SUMMARIZER === "llm") {
    if (values.LLM_MODEL === undefined) problems.push("LLM_MODEL is missing: SUMMARIZER=llm needs the chat model's name (e.g. gpt-4o-mini, or llama3.1 on Ollama)");
    if (values.LLM_BASE_URL === undefined && values.LLM_API_KEY === undefined) {
      problems.push("LLM_API_KEY is missing: OpenAI needs a key; for a local server set LLM_BASE_URL instead");
    }
  }
  if (values.EMBEDDINGS === "openai" && values.EMBEDDINGS_BASE_URL === undefined && values.EMBEDDINGS_API_KEY === undefined) {
    problems.push("EMBEDDINGS_API_KEY is missing: OpenAI needs a key; for an OpenAI-compatible local server set EMBEDDINGS_BASE_URL instead");
  }
  return problems;
}

function present<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function toConfig(values: ModelValues): ModelsConfig {
  const summarizer: SummarizerConfig =
    values.SUMMARIZER === "llm"
      ? {
          kind: "llm",
          llm: {
            model: values.LLM_MODEL!,
            timeoutMs: values.LLM_TIMEOUT_MS ?? DEFAULT_LLM_TIMEOUT_MS,
            ...present("baseUrl", values.LLM_BASE_URL?.replace(/\/+$/, "")),
            ...present("apiKey", values.LLM_API_KEY),
          },
        }
      : { kind: "extractive" };
  const kind = values.EMBEDDINGS ?? "local";
  const timeoutMs = values.EMBEDDINGS_TIMEOUT_MS ?? DEFAULT_EMBEDDINGS_TIMEOUT_MS;
  const baseUrl = values.EMBEDDINGS_BASE_URL?.replace(/\/+$/, "");
  const embeddings: EmbeddingsConfig =
    kind === "local"
      ? { kind }
      : kind === "ollama"
        ? { kind, model: values.EMBEDDINGS_MODEL ?? DEFAULT_EMBEDDINGS_MODEL.ollama, baseUrl: baseUrl ?? DEFAULT_OLLAMA_URL, timeoutMs }
        : {
            kind,
            model: values.EMBEDDINGS_MODEL ?? DEFAULT_EMBEDDINGS_MODEL.openai,
            timeoutMs,
            ...present("baseUrl", baseUrl),
            ...present("apiKey", values.EMBEDDINGS_API_KEY),
          };
  return { summarizer, embeddings };
}

export type ModelsRead = { readonly ok: true; readonly models: ModelsConfig } | { readonly ok: false; readonly problems: readonly string[] };

/** The model settings, or every problem with them, for callers that report them along with their own. */
export function parseModelsConfig(env: NodeJS.ProcessEnv): ModelsRead {
  const result = z.object(modelShape).safeParse(env);
  if (!result.success) return { ok: false, problems: result.error.issues.map((issue) => describe(issue, env)) };
  const problems = combinationProblems(result.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, models: toConfig(result.data) };
}

/** The configured secrets' values, for log scrubbing. */
export function modelSecrets(models: ModelsConfig): string[] {
  const secrets: string[] = [];
  if (models.summarizer.kind === "llm" && models.summarizer.llm.apiKey !== undefined) secrets.push(models.summarizer.llm.apiKey);
  if (models.embeddings.kind === "openai" && models.embeddings.apiKey !== undefined) secrets.push(models.embeddings.apiKey);
  return secrets;
}
