import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { base64Floats, hashedVector } from "./vectors.js";

/** One chat message as the OpenAI chat-completions API receives it. */
export interface ChatMessage {
  readonly role: string;
  readonly content: string;
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly authorization?: string;
}

/** How the stand-in answers one chat completion: scripted per test. */
export type ChatReply =
  | { readonly content: string }
  | { readonly status: number; readonly body?: string }
  /** Never answers (until the stand-in closes): the client's timeout must end the wait. */
  | { readonly hang: true }
  /** A 200 whose body is not a chat completion. */
  | { readonly raw: string };

export type ChatScript = (request: ChatRequest) => ChatReply;

export interface Recorded {
  readonly path: string;
  readonly body: unknown;
  readonly authorization?: string;
}

export interface OpenAiStandin {
  /** Base URL for OpenAI clients (ends in /v1); Ollama clients use `origin`. */
  readonly url: string;
  readonly origin: string;
  readonly requests: Recorded[];
  /** Replaces how chat completions are answered. */
  script(chat: ChatScript): void;
  /** Makes every embeddings request fail with this status until called again with undefined. */
  failEmbeddings(status: number | undefined): void;
  close(): Promise<void>;
}

export interface StandinOptions {
  /** The vector size each embedding model returns; 32 for any model not listed. */
  readonly dimensions?: Readonly<Record<string, number>>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" }).end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : (JSON.parse(text) as unknown);
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part: { text?: string }) => part.text ?? "").join("");
  return "";
}

function completion(model: string, content: string): unknown {
  return {
    id: "chatcmpl-standin",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function inputs(input: unknown): string[] {
  const list: unknown[] = Array.isArray(input) ? input : [input];
  return list.map((item) => (typeof item === "string" ? item : ""));
}

/**
 * An OpenAI-compatible server on 127.0.0.1 (chat completions and embeddings, plus Ollama's /api/embed), so tests of
 * hosted models never reach the internet. Chat replies are scripted per test; embeddings are deterministic.
 */
export async function startOpenAiStandin(options: StandinOptions = {}): Promise<OpenAiStandin> {
  const requests: Recorded[] = [];
  let chat: ChatScript = () => ({ status: 500, body: "no chat script set" });
  let embeddingsFailure: number | undefined;
  const dimensionsOf = (model: string): number => options.dimensions?.[model] ?? 32;

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readJson(request);
      const authorization = request.headers.authorization;
      const path = (request.url ?? "").split("?")[0]!;
      requests.push({ path, body, ...(authorization !== undefined ? { authorization } : {}) });
      const fields = (body ?? {}) as Record<string, unknown>;
      const model = typeof fields.model === "string" ? fields.model : "";
      if (request.method === "POST" && path === "/v1/chat/completions") {
        const messages = Array.isArray(fields.messages)
          ? fields.messages.map((m: { role?: unknown; content?: unknown }) => ({ role: String(m.role), content: contentText(m.content) }))
          : [];
        const reply = chat({ model, messages, ...(authorization !== undefined ? { authorization } : {}) });
        if ("hang" in reply) return;
        if ("raw" in reply) return send(response, 200, reply.raw);
        if ("status" in reply) return send(response, reply.status, { error: { message: reply.body ?? "scripted failure", type: "server_error" } });
        return send(response, 200, completion(model, reply.content));
      }
      if (request.method === "POST" && (path === "/v1/embeddings" || path === "/api/embed")) {
        if (embeddingsFailure !== undefined) return send(response, embeddingsFailure, { error: { message: "scripted failure" } });
        const vectors = inputs(fields.input).map((text) => hashedVector(text, dimensionsOf(model)));
        if (path === "/api/embed") return send(response, 200, { model, embeddings: vectors });
        const base64 = fields.encoding_format === "base64";
        return send(response, 200, {
          object: "list",
          model,
          data: vectors.map((v, index) => ({ object: "embedding", index, embedding: base64 ? base64Floats(v) : v })),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        });
      }
      send(response, 404, { error: { message: `no route ${request.method} ${path}` } });
    })().catch((error: unknown) => send(response, 400, { error: { message: (error as Error).message } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/v1`,
    origin,
    requests,
    script: (next) => (chat = next),
    failEmbeddings: (status) => (embeddingsFailure = status),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
