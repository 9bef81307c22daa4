import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Dispatches } from "./dispatches.js";
import type { Delays, Faults } from "./faults.js";
import { matchRoute } from "./rest-routes.js";
import type { StandinState } from "./state.js";
import type { RecordedFile, RecordedRequest } from "./types.js";
import type { ChangeFeed } from "./waiting.js";

export interface HttpDeps {
  state: StandinState;
  faults: Faults;
  delays: Delays;
  feed: ChangeFeed;
  dispatches: () => Dispatches;
  urls: () => { gateway: string };
  record: (request: RecordedRequest) => void;
  nextSeq: () => number;
}

const API_PREFIX = "/api/v10";

interface ParsedBody {
  body: unknown;
  files: RecordedFile[];
  error?: string;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** discord.js switches to multipart as soon as files are attached; the JSON then lives in `payload_json`. */
async function parseBody(req: IncomingMessage, raw: Buffer): Promise<ParsedBody> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
    let body: Record<string, unknown> = {};
    const files: RecordedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = { ...body, ...(JSON.parse(value) as Record<string, unknown>) };
        else body[field] = value;
      } else {
        files.push({ field, name: value.name, contentType: value.type || "application/octet-stream", bytes: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  try {
    return { body: JSON.parse(raw.toString("utf8")) as unknown, files: [] };
  } catch {
    return { body: raw.toString("utf8"), files: [], error: "The request body contains invalid JSON." };
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function serveAttachment(deps: HttpDeps, path: string, res: ServerResponse): number {
  const [, , , attachmentId] = path.split("/");
  const stored = deps.state.attachments.get(attachmentId ?? "");
  if (!stored) {
    send(res, 404, { message: "404: Not Found", code: 0 });
    return 404;
  }
  res.writeHead(200, { "content-type": stored.attachment.content_type ?? "application/octet-stream", "content-length": String(stored.bytes.length) });
  res.end(stored.bytes);
  return 200;
}

async function handle(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = (req.method ?? "GET").toUpperCase();
  const isApi = url.pathname.startsWith(`${API_PREFIX}/`);
  const path = isApi ? url.pathname.slice(API_PREFIX.length) : url.pathname;
  const entry: RecordedRequest = {
    seq: deps.nextSeq(),
    method,
    path,
    route: null,
    query: Object.fromEntries(url.searchParams),
    body: undefined,
    files: [],
    authorization: req.headers.authorization ?? null,
    status: 0,
    response: undefined,
    injected: false,
  };
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    entry.status = status;
    entry.response = body;
    send(res, status, body, headers);
  };

  try {
    const parsed = await parseBody(req, await readBody(req));
    entry.body = parsed.body;
    entry.files = parsed.files;
    if (!isApi && method === "GET" && path.startsWith("/attachments/")) {
      entry.route = "/attachments/:channelId/:attachmentId/:filename";
      entry.status = serveAttachment(deps, path, res);
      return;
    }
    const match = isApi ? matchRoute(method, path) : undefined;
    entry.route = match?.route.template ?? null;
    const delayMs = deps.delays.take(method, path);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const fault = deps.faults.take(method, path);
    if (fault) {
      entry.injected = true;
      reply(fault.status, fault.body, fault.headers);
      return;
    }
    if (!match) {
      reply(404, { message: "404: Not Found", code: 0 });
      return;
    }
    if (match.route.auth && req.headers.authorization !== `Bot ${deps.state.token}`) {
      reply(401, { message: "401: Unauthorized", code: 0 });
      return;
    }
    if (parsed.error) {
      reply(400, { message: parsed.error, code: 50109 });
      return;
    }
    const result = match.route.handle({
      params: match.params,
      query: url.searchParams,
      body: parsed.body,
      files: parsed.files,
      state: deps.state,
      dispatches: deps.dispatches(),
      urls: deps.urls(),
    });
    reply(result.status, result.body);
  } catch (error) {
    // A stand-in bug must fail the test loudly rather than look like a Discord outage.
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    reply(500, { message: `Stand-in route crashed: ${message}`, code: 0 });
  } finally {
    deps.record(entry);
    deps.feed.notify();
  }
}

export function createHttpServer(deps: HttpDeps): Server {
  return createServer((req, res) => {
    void handle(deps, req, res);
  });
}
