import { Embeddings, type EmbeddingsInterface } from "@langchain/core/embeddings";
import type { EmbeddingsConfig } from "../../config/models.js";
import { UserError } from "../../errors.js";
import type { IdentifiedEmbeddings } from "../embedder.js";

/** Same as for the chat model: the OpenAI client needs some key, a local server ignores it. */
const NO_KEY = "not-needed";
/** A few retries: a hiccup while indexing a large corpus should not lose the whole run. */
const MAX_RETRIES = 2;

type HostedConfig = Exclude<EmbeddingsConfig, { kind: "local" }>;

/**
 * A hosted embedding model under the identity the index manifest records: provider and model, and the vector size
 * it was found to return. Every vector is checked against that size, so a model that changes behind the same name
 * fails loudly instead of mixing vectors of two shapes in one index.
 */
export class HostedEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  private constructor(
    private readonly inner: EmbeddingsInterface,
    readonly id: string,
    readonly dimensions: number,
  ) {
    super({});
  }

  /** Opens the embedder and learns its vector size from one probe embedding. */
  static async open(config: HostedConfig): Promise<HostedEmbeddings> {
    const inner = await providerEmbeddings(config);
    const id = `${config.kind}:${config.model}`;
    let probe: number[];
    try {
      probe = await inner.embedQuery("sitrep dimension probe");
    } catch (error) {
      throw new UserError(
        "MODEL_UNAVAILABLE",
        `EMBEDDINGS=${config.kind}: the embeddings endpoint ${endpointOf(config)} did not embed a probe text with model ${config.model} ` +
          `(${(error as Error).message.replace(/\s+/g, " ").slice(0, 160)}); check EMBEDDINGS_BASE_URL, EMBEDDINGS_MODEL and the key, or set EMBEDDINGS=local`,
      );
    }
    if (probe.length === 0) throw new UserError("MODEL_UNAVAILABLE", `EMBEDDINGS=${config.kind}: model ${config.model} returned an empty vector`);
    return new HostedEmbeddings(inner, id, probe.length);
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.reaching(() => this.inner.embedDocuments(texts))).map((v) => this.checked(v));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.checked(await this.reaching(() => this.inner.embedQuery(text)));
  }

  /**
   * An endpoint that answered the probe can fail later (down, overloaded, key revoked). The index was built with its
   * vectors, so there is no local fallback: the asker gets a typed error saying so instead of an internal error.
   */
  private async reaching<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new UserError(
        "MODEL_UNAVAILABLE",
        `The embedding model ${this.id} did not answer (${failureOf(error)}), and the index needs it; try again shortly. ` +
          "An admin can check EMBEDDINGS_BASE_URL and the key, or set EMBEDDINGS=local (the corpus is then re-indexed).",
      );
    }
  }

  private checked(vector: number[]): number[] {
    if (vector.length !== this.dimensions) {
      throw new Error(`embedder ${this.id} returned a ${vector.length}-dimensional vector, expected ${this.dimensions}`);
    }
    return vector;
  }
}

/** The kind of failure only: a provider's message can quote part of the key ("Incorrect API key provided: sk-…"). */
function failureOf(error: unknown): string {
  if (typeof error !== "object" || error === null) return "unknown error";
  const { status, code, name } = error as { status?: unknown; code?: unknown; name?: unknown };
  if (typeof status === "number") return `HTTP ${status}`;
  if (typeof code === "string" && /^[A-Z_]+$/.test(code)) return code;
  return typeof name === "string" ? name : "unknown error";
}

function endpointOf(config: HostedConfig): string {
  return config.kind === "ollama" ? config.baseUrl : (config.baseUrl ?? "https://api.openai.com/v1");
}

/** Ollama's client has no timeout of its own: every request gets one through its fetch. */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

/** Each provider's client is loaded only when chosen (the OpenAI one takes over a second to import). */
async function providerEmbeddings(config: HostedConfig): Promise<EmbeddingsInterface> {
  if (config.kind === "ollama") {
    const { OllamaEmbeddings } = await import("@langchain/ollama");
    return new OllamaEmbeddings({ model: config.model, baseUrl: config.baseUrl, maxRetries: MAX_RETRIES, fetch: fetchWithTimeout(config.timeoutMs) });
  }
  const { OpenAIEmbeddings } = await import("@langchain/openai");
  return new OpenAIEmbeddings({
    model: config.model,
    apiKey: config.apiKey ?? NO_KEY,
    timeout: config.timeoutMs,
    maxRetries: MAX_RETRIES,
    // Some OpenAI-compatible servers only speak floats; the client would otherwise ask for base64.
    encodingFormat: "float",
    ...(config.baseUrl !== undefined ? { configuration: { baseURL: config.baseUrl } } : {}),
  });
}
