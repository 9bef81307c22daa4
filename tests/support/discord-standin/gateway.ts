import type { IncomingMessage, Server } from "node:http";
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayIdentifyData,
  type GatewayRequestGuildMembersData,
  type GatewayResumeData,
} from "discord-api-types/v10";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import { randomToken } from "./ids.js";
import { isRecord } from "./messages.js";
import { guildCreatePayload, memberPayload, readyPayload } from "./payloads.js";
import type { StandinState } from "./state.js";
import type { GatewayStats } from "./types.js";
import type { ChangeFeed } from "./waiting.js";

/** Serialised when dispatched, so a replay after RESUME shows the event as it was, not as state is now. */
interface DispatchFrame {
  s: number;
  text: string;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  /** Kept so a RESUME can replay what the client missed while disconnected. */
  history: DispatchFrame[];
  socket: WebSocket | null;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
  closedByServer: boolean;
}

export interface DispatchOptions<T> {
  /** Sessions that did not identify with this intent do not get the event, as on Discord. */
  intent?: GatewayIntentBits;
  /** Per-session rewrite, e.g. blanking message content for sessions without MessageContent. */
  transform?: (data: T, intents: number) => T;
}

const HISTORY_LIMIT = 1000;

/** Discord drops the session after these; any other server close can be resumed. */
const SESSION_ENDING_CLOSES = new Set<number>([
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidSeq,
  GatewayCloseCodes.SessionTimedOut,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

export class Gateway {
  readonly stats: GatewayStats = { connections: [], identifies: [], resumes: [], heartbeats: 0, closes: [] };
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  private ackHeartbeats = true;
  private resumesToReject = 0;

  constructor(
    server: Server,
    private readonly state: StandinState,
    private readonly feed: ChangeFeed,
    private readonly options: { heartbeatIntervalMs: number; resumeUrl: () => string },
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on("connection", (socket, request) => this.onConnection(socket, request));
  }

  get connectedSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).length;
  }

  dispatch<T>(t: GatewayDispatchEvents, data: T, options: DispatchOptions<T> = {}): void {
    for (const session of this.sessions.values()) {
      if (options.intent !== undefined && (session.intents & options.intent) === 0) continue;
      this.dispatchTo(session, t, options.transform ? options.transform(data, session.intents) : data);
    }
    this.feed.notify();
  }

  closeAll(code: number, reason: string): void {
    for (const connection of this.connections) this.closeConnection(connection, code, reason);
  }

  invalidateSessions(resumable: boolean): void {
    for (const connection of this.connections) {
      if (!connection.session) continue;
      if (!resumable) this.sessions.delete(connection.session.id);
      this.send(connection.socket, { op: GatewayOpcodes.InvalidSession, d: resumable });
    }
  }

  requestReconnect(): void {
    for (const connection of this.connections) this.send(connection.socket, { op: GatewayOpcodes.Reconnect, d: null });
  }

  setHeartbeatAck(enabled: boolean): void {
    this.ackHeartbeats = enabled;
  }

  rejectNextResumes(count: number): void {
    this.resumesToReject += count;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket, request: IncomingMessage): void {
    const connection: Connection = { socket, session: null, closedByServer: false };
    this.connections.add(connection);
    const url = request.url ?? "/";
    this.stats.connections.push({ url, at: Date.now() });
    socket.on("message", (data) => this.onMessage(connection, data));
    socket.on("close", (code) => this.onClose(connection, code));
    // A client vanishing mid-frame is normal during reconnect tests; it must not crash the process.
    socket.on("error", () => undefined);

    const query = new URL(url, "ws://localhost").searchParams;
    if (query.get("v") !== "10") {
      this.closeConnection(connection, GatewayCloseCodes.InvalidAPIVersion, "Invalid API version");
      return;
    }
    if (query.get("encoding") !== "json") {
      this.closeConnection(connection, GatewayCloseCodes.DecodeError, "Only encoding=json is supported");
      return;
    }
    this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
    this.feed.notify();
  }

  private onMessage(connection: Connection, raw: RawData): void {
    let payload: unknown;
    try {
      payload = JSON.parse(rawText(raw));
    } catch {
      this.closeConnection(connection, GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    if (!isRecord(payload) || typeof payload.op !== "number") {
      this.closeConnection(connection, GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    switch (payload.op as GatewayOpcodes) {
      case GatewayOpcodes.Heartbeat:
        this.stats.heartbeats += 1;
        if (this.ackHeartbeats) this.send(connection.socket, { op: GatewayOpcodes.HeartbeatAck });
        break;
      case GatewayOpcodes.Identify:
        this.onIdentify(connection, payload.d as GatewayIdentifyData);
        break;
      case GatewayOpcodes.Resume:
        this.onResume(connection, payload.d as GatewayResumeData);
        break;
      case GatewayOpcodes.RequestGuildMembers:
        if (connection.session) this.sendMemberChunk(connection.session, payload.d as GatewayRequestGuildMembersData);
        break;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        break;
      default:
        this.closeConnection(
          connection,
          connection.session ? GatewayCloseCodes.UnknownOpcode : GatewayCloseCodes.NotAuthenticated,
          "Unsupported opcode",
        );
    }
    this.feed.notify();
  }

  private onIdentify(connection: Connection, data: GatewayIdentifyData): void {
    if (connection.session) {
      this.closeConnection(connection, GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
      return;
    }
    this.stats.identifies.push({ intents: data.intents, shard: data.shard, at: Date.now() });
    if (data.token !== this.state.token) {
      this.closeConnection(connection, GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    if ((data.intents & GatewayIntentBits.MessageContent) !== 0 && !this.state.messageContentAllowed) {
      this.closeConnection(connection, GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
      return;
    }
    const session: Session = { id: randomToken("session"), intents: data.intents, seq: 0, history: [], socket: connection.socket };
    this.sessions.set(session.id, session);
    connection.session = session;
    this.dispatchTo(session, GatewayDispatchEvents.Ready, readyPayload(this.state, session.id, this.options.resumeUrl()));
    // Sent regardless of the Guilds intent: discord.js would otherwise sit out its 15 s guild wait.
    this.dispatchTo(session, GatewayDispatchEvents.GuildCreate, guildCreatePayload(this.state));
  }

  private onResume(connection: Connection, data: GatewayResumeData): void {
    const session = this.sessions.get(data.session_id);
    const accepted =
      data.token === this.state.token && session !== undefined && data.seq <= session.seq && this.resumesToReject === 0;
    this.stats.resumes.push({ sessionId: data.session_id, seq: data.seq, accepted, at: Date.now() });
    if (data.token !== this.state.token) {
      this.closeConnection(connection, GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    if (!accepted || !session) {
      this.resumesToReject = Math.max(0, this.resumesToReject - 1);
      this.sessions.delete(data.session_id);
      this.send(connection.socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    if (session.socket && session.socket !== connection.socket) session.socket.terminate();
    session.socket = connection.socket;
    connection.session = session;
    for (const frame of session.history) if (frame.s > data.seq) this.sendText(connection.socket, frame.text);
    this.dispatchTo(session, GatewayDispatchEvents.Resumed, {});
  }

  private sendMemberChunk(session: Session, request: GatewayRequestGuildMembersData): void {
    const wanted = "user_ids" in request && request.user_ids !== undefined ? [request.user_ids].flat() : undefined;
    const query = "query" in request ? (request.query ?? "").toLowerCase() : "";
    const limit = "limit" in request && typeof request.limit === "number" && request.limit > 0 ? request.limit : undefined;
    const members = [...this.state.members.keys()]
      .filter((id) => (wanted ? wanted.includes(id) : this.state.user(id).username.toLowerCase().startsWith(query)))
      .slice(0, limit)
      .map((id) => memberPayload(this.state, id));
    this.dispatchTo(session, GatewayDispatchEvents.GuildMembersChunk, {
      guild_id: this.state.ids.guildId,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(wanted ? { not_found: wanted.filter((id) => !this.state.members.has(id)) } : {}),
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    });
  }

  private dispatchTo(session: Session, t: GatewayDispatchEvents, d: unknown): void {
    session.seq += 1;
    const frame: DispatchFrame = { s: session.seq, text: JSON.stringify({ op: GatewayOpcodes.Dispatch, t, s: session.seq, d }) };
    session.history.push(frame);
    if (session.history.length > HISTORY_LIMIT) session.history.shift();
    if (session.socket) this.sendText(session.socket, frame.text);
  }

  private closeConnection(connection: Connection, code: number, reason: string): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    connection.closedByServer = true;
    this.stats.closes.push({ by: "server", code, at: Date.now() });
    if (connection.session && SESSION_ENDING_CLOSES.has(code)) this.sessions.delete(connection.session.id);
    connection.socket.close(code, reason);
  }

  private onClose(connection: Connection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (session?.socket === connection.socket) session.socket = null;
    if (!connection.closedByServer) {
      this.stats.closes.push({ by: "client", code, at: Date.now() });
      // A clean 1000/1001 close from the client ends its session on Discord; other codes keep it resumable.
      if (session && (code === 1000 || code === 1001)) this.sessions.delete(session.id);
    }
    this.feed.notify();
  }

  private send(socket: WebSocket, payload: { op: GatewayOpcodes; d?: unknown }): void {
    this.sendText(socket, JSON.stringify({ s: null, t: null, d: null, ...payload }));
  }

  private sendText(socket: WebSocket, text: string): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(text);
  }
}

function rawText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString("utf8");
  return Buffer.from(raw as ArrayBuffer).toString("utf8");
}
