import { ChannelType } from "discord-api-types/v10";
import { toCommand, validateCommands } from "./commands.js";
import { apiError, isRecord } from "./messages.js";
import { applicationPayload, guildPayload, memberPayload } from "./payloads.js";
import { channelRoutes } from "./rest-channels.js";
import { interactionRoutes } from "./rest-interactions.js";
import { failure, noContent, ok, templateRegExp, type Route, type RouteContext, type RouteResult } from "./route-kit.js";

const coreRoutes: Route[] = [
  {
    method: "GET",
    template: "/gateway/bot",
    auth: true,
    handle: ({ urls }) =>
      ok({
        url: urls.gateway,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      }),
  },
  { method: "GET", template: "/gateway", auth: false, handle: ({ urls }) => ok({ url: urls.gateway }) },
  { method: "GET", template: "/users/@me", auth: true, handle: ({ state }) => ok(state.botUser) },
  {
    method: "GET",
    template: "/users/:userId",
    auth: true,
    handle: ({ state, params }) => {
      const user = state.users.get(params.userId ?? "");
      return user ? ok(user) : failure(apiError(404, 10013, "Unknown User"));
    },
  },
  { method: "GET", template: "/applications/@me", auth: true, handle: ({ state }) => ok(applicationPayload(state)) },
  { method: "GET", template: "/oauth2/applications/@me", auth: true, handle: ({ state }) => ok(applicationPayload(state)) },
  {
    method: "GET",
    template: "/guilds/:guildId",
    auth: true,
    handle: ({ state, params, query }) => {
      if (params.guildId !== state.ids.guildId) return failure(apiError(404, 10004, "Unknown Guild"));
      const counts = query.get("with_counts") === "true" ? { approximate_member_count: state.members.size, approximate_presence_count: 0 } : {};
      return ok({ ...guildPayload(state), ...counts });
    },
  },
  {
    method: "GET",
    template: "/guilds/:guildId/members/:userId",
    auth: true,
    handle: ({ state, params }) => {
      if (params.guildId !== state.ids.guildId) return failure(apiError(404, 10004, "Unknown Guild"));
      const userId = params.userId ?? "";
      return state.members.has(userId) ? ok(memberPayload(state, userId)) : failure(apiError(404, 10007, "Unknown Member"));
    },
  },
  {
    method: "GET",
    template: "/guilds/:guildId/channels",
    auth: true,
    handle: ({ state }) => ok([...state.channels.values()].filter((c) => c.type === ChannelType.GuildText)),
  },
  { method: "GET", template: "/guilds/:guildId/roles", auth: true, handle: ({ state }) => ok([...state.roles.values()]) },
];

function commandScope(ctx: RouteContext): { guildId: string | undefined } | RouteResult {
  if (ctx.params.appId !== ctx.state.ids.applicationId) {
    return failure(apiError(403, 20012, "You are not authorized to perform this action on this application"));
  }
  const guildId = ctx.params.guildId;
  if (guildId !== undefined && guildId !== ctx.state.ids.guildId) return failure(apiError(403, 50001, "Missing Access"));
  return { guildId };
}

function commandRoutes(prefix: string): Route[] {
  const withScope =
    (fn: (ctx: RouteContext, guildId: string | undefined) => RouteResult) =>
    (ctx: RouteContext): RouteResult => {
      const scope = commandScope(ctx);
      return "status" in scope ? scope : fn(ctx, scope.guildId);
    };
  const findById = (ctx: RouteContext, guildId: string | undefined) =>
    ctx.state.commandsFor(guildId).find((c) => c.id === ctx.params.commandId);
  return [
    { method: "GET", template: prefix, auth: true, handle: withScope((ctx, guildId) => ok(ctx.state.commandsFor(guildId))) },
    {
      method: "PUT",
      template: prefix,
      auth: true,
      handle: withScope((ctx, guildId) => {
        if (!Array.isArray(ctx.body)) return failure(apiError(400, 50035, "Invalid Form Body"));
        const invalid = validateCommands(ctx.body);
        if (invalid) return failure(invalid);
        const list = ctx.state.commandsFor(guildId);
        const next = (ctx.body as Record<string, unknown>[]).map((body) =>
          toCommand(body, ctx.state.ids.applicationId, guildId, list.find((c) => c.name === body.name)),
        );
        list.splice(0, list.length, ...next);
        return ok(next);
      }),
    },
    {
      method: "POST",
      template: prefix,
      auth: true,
      handle: withScope((ctx, guildId) => {
        const invalid = validateCommands([ctx.body]);
        if (invalid || !isRecord(ctx.body)) return failure(invalid ?? apiError(400, 50035, "Invalid Form Body"));
        const body = ctx.body;
        const list = ctx.state.commandsFor(guildId);
        const existing = list.find((c) => c.name === body.name);
        const command = toCommand(body, ctx.state.ids.applicationId, guildId, existing);
        if (existing) list.splice(list.indexOf(existing), 1, command);
        else list.push(command);
        return { status: existing ? 200 : 201, body: command };
      }),
    },
    {
      method: "GET",
      template: `${prefix}/:commandId`,
      auth: true,
      handle: withScope((ctx, guildId) => {
        const command = findById(ctx, guildId);
        return command ? ok(command) : failure(apiError(404, 10063, "Unknown application command"));
      }),
    },
    {
      method: "PATCH",
      template: `${prefix}/:commandId`,
      auth: true,
      handle: withScope((ctx, guildId) => {
        const existing = findById(ctx, guildId);
        if (!existing) return failure(apiError(404, 10063, "Unknown application command"));
        const merged = { ...existing, ...(isRecord(ctx.body) ? ctx.body : {}) };
        const invalid = validateCommands([merged]);
        if (invalid) return failure(invalid);
        const command = toCommand(merged, ctx.state.ids.applicationId, guildId, existing);
        const list = ctx.state.commandsFor(guildId);
        list.splice(list.indexOf(existing), 1, command);
        return ok(command);
      }),
    },
    {
      method: "DELETE",
      template: `${prefix}/:commandId`,
      auth: true,
      handle: withScope((ctx, guildId) => {
        const existing = findById(ctx, guildId);
        if (!existing) return failure(apiError(404, 10063, "Unknown application command"));
        const list = ctx.state.commandsFor(guildId);
        list.splice(list.indexOf(existing), 1);
        return noContent;
      }),
    },
  ];
}

export const routes: Route[] = [
  ...coreRoutes,
  ...commandRoutes("/applications/:appId/commands"),
  ...commandRoutes("/applications/:appId/guilds/:guildId/commands"),
  ...channelRoutes,
  ...interactionRoutes,
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

const compiled = routes.map((route) => ({ route, regexp: templateRegExp(route.template) }));

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const { route, regexp } of compiled) {
    if (route.method !== method) continue;
    const match = regexp.exec(path);
    if (match) return { route, params: Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])) };
  }
  return undefined;
}
