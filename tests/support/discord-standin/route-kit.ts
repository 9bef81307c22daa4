import type { Dispatches } from "./dispatches.js";
import type { ApiError } from "./messages.js";
import type { StandinState } from "./state.js";
import type { RecordedFile } from "./types.js";

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
  state: StandinState;
  dispatches: Dispatches;
  urls: { gateway: string };
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  template: string;
  /** Interaction callbacks and token webhooks are called without a bot token, as discord.js does. */
  auth: boolean;
  handle: (ctx: RouteContext) => RouteResult;
}

export const ok = (body: unknown): RouteResult => ({ status: 200, body });
export const noContent: RouteResult = { status: 204 };
export const failure = (error: ApiError): RouteResult => ({ status: error.status, body: error.body });

/** `:name` segments match one path segment; everything else is literal. */
export function templateRegExp(template: string): RegExp {
  const pattern = template
    .split("/")
    .map((segment) => (segment.startsWith(":") ? `(?<${segment.slice(1)}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${pattern}$`);
}
