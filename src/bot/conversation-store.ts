import type Database from "better-sqlite3";
import type { Turn } from "../answer/follow-up.js";
import type { Citation } from "../answer/types.js";
import { openDatabase, prepareConnection } from "../storage/sqlite.js";
import { citationsSchema } from "./feedback-store.js";

export const DEFAULT_MAX_TURNS = 10;

/** Why a conversation stopped: its thread was archived or deleted, or the bot could no longer post in it. */
export type ClosedReason = "archived" | "deleted" | "unreachable";

export interface Conversation {
  readonly threadId: string;
  readonly guildId: string | null;
  /** The channel the thread hangs off. */
  readonly parentId: string | null;
  /** The /ask answer the thread was opened on (feedback store id), when there was one. */
  readonly answerId: string | null;
  readonly openedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set while the conversation is closed; a message in a thread that came back (unarchived) reopens it. */
  readonly closed: { readonly at: string; readonly reason: ClosedReason } | null;
}

/** One exchange of a conversation, as stored: what was asked, what was searched, and the cited answer given. */
export interface StoredTurn extends Turn {
  readonly resolvedQuestion: string;
  readonly answer: string;
  readonly abstained: boolean;
  readonly citations: readonly Citation[];
  readonly askedBy: string;
  readonly createdAt: string;
}

export type NewTurn = Omit<StoredTurn, "createdAt">;

export interface OpenConversation {
  readonly threadId: string;
  readonly guildId?: string | null;
  readonly parentId?: string | null;
  readonly answerId?: string | null;
  readonly openedBy: string;
}


interface ConversationRow {
  thread_id: string;
  guild_id: string | null;
  parent_id: string | null;
  answer_id: string | null;
  opened_by: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_reason: string | null;
}

interface TurnRow {
  question: string;
  resolved_question: string;
  answer: string;
  abstained: number;
  citations: string;
  asked_by: string;
  created_at: string;
}

// Lives in the same file as the feedback store (DATA_DIR/sitrep.db), in tables of its own; the feedback store owns the
// file's user_version, so these tables are created with IF NOT EXISTS and a later change adds columns the same way.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS conversations (
    thread_id TEXT PRIMARY KEY,
    guild_id TEXT,
    parent_id TEXT,
    answer_id TEXT,
    opened_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at TEXT,
    closed_reason TEXT
  );
  CREATE INDEX IF NOT EXISTS conversations_by_answer ON conversations(answer_id);
  CREATE INDEX IF NOT EXISTS conversations_by_parent ON conversations(parent_id);
  CREATE TABLE IF NOT EXISTS conversation_turns (
    thread_id TEXT NOT NULL REFERENCES conversations(thread_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    question TEXT NOT NULL,
    resolved_question TEXT NOT NULL,
    answer TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    citations TEXT NOT NULL,
    asked_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (thread_id, seq)
  );
`;

const CONVERSATION_COLUMNS = "thread_id, guild_id, parent_id, answer_id, opened_by, created_at, updated_at, closed_at, closed_reason";

function checkMaxTurns(maxTurns = DEFAULT_MAX_TURNS): number {
  if (!Number.isInteger(maxTurns) || maxTurns < 1) throw new RangeError(`maxTurns must be a whole number ≥ 1, not ${maxTurns}`);
  return maxTurns;
}

function toConversation(row: ConversationRow): Conversation {
  return {
    threadId: row.thread_id,
    guildId: row.guild_id,
    parentId: row.parent_id,
    answerId: row.answer_id,
    openedBy: row.opened_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closed: row.closed_at !== null ? { at: row.closed_at, reason: (row.closed_reason ?? "archived") as ClosedReason } : null,
  };
}

function toTurn(row: TurnRow): StoredTurn {
  return {
    question: row.question,
    resolvedQuestion: row.resolved_question,
    answer: row.answer,
    abstained: row.abstained === 1,
    citations: citationsSchema.parse(JSON.parse(row.citations)),
    askedBy: row.asked_by,
    createdAt: row.created_at,
  };
}

/**
 * The threads sitrep opened and the last turns of the conversation in each, in SQLite under DATA_DIR, so a follow-up
 * asked after a restart is still read in context. Only the last `maxTurns` turns of a thread are kept.
 */
export class ConversationStore {
  readonly maxTurns: number;
  private readonly insertConversation;
  private readonly deleteConversation;
  private readonly selectConversation;
  private readonly selectByAnswer;
  private readonly insertTurn;
  private readonly selectLastSeq;
  private readonly pruneTurns;
  private readonly selectTurns;
  private readonly closeStatement;
  private readonly closeUnderStatement;
  private readonly reopenStatement;
  private readonly touchStatement;

  constructor(
    private readonly db: Database.Database,
    options: { maxTurns?: number } = {},
  ) {
    this.maxTurns = checkMaxTurns(options.maxTurns);
    prepareConnection(db);
    db.exec(SCHEMA);
    this.insertConversation = db.prepare<[string, string | null, string | null, string | null, string, string, string]>(
      "INSERT INTO conversations (thread_id, guild_id, parent_id, answer_id, opened_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    this.deleteConversation = db.prepare<[string]>("DELETE FROM conversations WHERE thread_id = ?");
    this.selectConversation = db.prepare<[string], ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE thread_id = ?`);
    this.selectByAnswer = db.prepare<[string], ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE answer_id = ? ORDER BY created_at DESC LIMIT 1`,
    );
    this.insertTurn = db.prepare<[string, number, string, string, string, number, string, string, string]>(
      "INSERT INTO conversation_turns (thread_id, seq, question, resolved_question, answer, abstained, citations, asked_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.selectLastSeq = db.prepare<[string], { seq: number | null }>("SELECT MAX(seq) AS seq FROM conversation_turns WHERE thread_id = ?");
    this.pruneTurns = db.prepare<[string, number]>("DELETE FROM conversation_turns WHERE thread_id = ? AND seq <= ?");
    this.selectTurns = db.prepare<[string, number], TurnRow>(
      "SELECT question, resolved_question, answer, abstained, citations, asked_by, created_at FROM " +
        "(SELECT * FROM conversation_turns WHERE thread_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq",
    );
    this.closeStatement = db.prepare<[string, string, string, string]>(
      "UPDATE conversations SET closed_at = ?, closed_reason = ?, updated_at = ? WHERE thread_id = ? AND closed_at IS NULL",
    );
    this.closeUnderStatement = db.prepare<[string, string, string, string]>(
      "UPDATE conversations SET closed_at = ?, closed_reason = ?, updated_at = ? WHERE parent_id = ? AND closed_at IS NULL",
    );
    this.reopenStatement = db.prepare<[string, string]>(
      "UPDATE conversations SET closed_at = NULL, closed_reason = NULL, updated_at = ? WHERE thread_id = ? AND closed_at IS NOT NULL AND closed_reason != 'deleted'",
    );
    this.touchStatement = db.prepare<[string, string]>("UPDATE conversations SET updated_at = ? WHERE thread_id = ?");
  }

  static open(dataDir: string, options: { maxTurns?: number } = {}): ConversationStore {
    checkMaxTurns(options.maxTurns);
    return new ConversationStore(openDatabase(dataDir), options);
  }

  /**
   * Records a thread sitrep opened and the exchange it was opened on. A thread id can come back (a thread started on
   * a message takes the message's id, and a deleted one can be started again): whatever was stored under it before is
   * replaced.
   */
  open(conversation: OpenConversation, firstTurn: NewTurn): Conversation {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      this.deleteConversation.run(conversation.threadId);
      this.insertConversation.run(
        conversation.threadId,
        conversation.guildId ?? null,
        conversation.parentId ?? null,
        conversation.answerId ?? null,
        conversation.openedBy,
        now,
        now,
      );
      this.appendTurn(conversation.threadId, firstTurn, now);
      return toConversation(this.selectConversation.get(conversation.threadId)!);
    })();
  }

  get(threadId: string): Conversation | undefined {
    const row = this.selectConversation.get(threadId);
    return row ? toConversation(row) : undefined;
  }

  /** The latest conversation opened on an /ask answer. */
  forAnswer(answerId: string): Conversation | undefined {
    const row = this.selectByAnswer.get(answerId);
    return row ? toConversation(row) : undefined;
  }

  /** The last `maxTurns` turns, oldest first. */
  turns(threadId: string): StoredTurn[] {
    return this.selectTurns.all(threadId, this.maxTurns).map(toTurn);
  }

  /** Appends a turn and forgets the ones beyond the last `maxTurns`. Throws for a thread that was never opened. */
  addTurn(threadId: string, turn: NewTurn): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      if (!this.selectConversation.get(threadId)) throw new Error(`no conversation is stored for thread ${threadId}`);
      this.appendTurn(threadId, turn, now);
      this.touchStatement.run(now, threadId);
    })();
  }

  /** Marks a conversation closed; false when it was unknown or closed already. */
  markClosed(threadId: string, reason: ClosedReason): boolean {
    const now = new Date().toISOString();
    return this.closeStatement.run(now, reason, now, threadId).changes > 0;
  }

  /** Closes every open conversation in threads of a channel (the channel was deleted, and its threads with it). */
  markClosedUnder(parentId: string, reason: ClosedReason): number {
    const now = new Date().toISOString();
    return this.closeUnderStatement.run(now, reason, now, parentId).changes;
  }

  /** Reopens a conversation closed by archiving or a failed send; a deleted thread stays closed. */
  reopen(threadId: string): boolean {
    return this.reopenStatement.run(new Date().toISOString(), threadId).changes > 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private appendTurn(threadId: string, turn: NewTurn, now: string): void {
    const seq = (this.selectLastSeq.get(threadId)?.seq ?? 0) + 1;
    this.insertTurn.run(
      threadId,
      seq,
      turn.question,
      turn.resolvedQuestion,
      turn.answer,
      turn.abstained ? 1 : 0,
      JSON.stringify(turn.citations.map(({ n, docId, title, paragraph, quote, score }) => ({ n, docId, title, paragraph, quote, score }))),
      turn.askedBy,
      now,
    );
    this.pruneTurns.run(threadId, seq - this.maxTurns);
  }
}
