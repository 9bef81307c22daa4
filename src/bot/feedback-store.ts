import type Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Answer, Citation } from "../answer/types.js";
import { UserError } from "../errors.js";
import { openDatabase, prepareConnection } from "../storage/sqlite.js";

export { DATABASE_FILE } from "../storage/sqlite.js";

export type Vote = "up" | "down";
/** What a vote did: a first vote, a changed mind, or a repeat that changed nothing. */
export type VoteOutcome = "recorded" | "changed" | "unchanged";

export interface StoredAnswer {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
  readonly abstained: boolean;
  readonly citations: readonly Citation[];
  readonly askedBy: string;
  readonly createdAt: string;
}

export interface AskedWhere {
  readonly userId: string;
  readonly guildId?: string | null;
  readonly channelId?: string | null;
}

/** The citations column of stored answers and conversation turns. */
export const citationsSchema = z.array(
  z.object({
    n: z.number(),
    docId: z.string(),
    title: z.string(),
    paragraph: z.number(),
    quote: z.string(),
    score: z.number(),
  }),
);

interface AnswerRow {
  id: string;
  question: string;
  answer: string;
  abstained: number;
  citations: string;
  asked_by: string;
  created_at: string;
}

// user_version lets a later release migrate the schema in place instead of guessing what an old file holds.
const SCHEMA_VERSION = 1;
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    citations TEXT NOT NULL,
    asked_by TEXT NOT NULL,
    guild_id TEXT,
    channel_id TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS feedback (
    answer_id TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (answer_id, user_id)
  );
`;

const VOTE_VALUE: Record<Vote, number> = { up: 1, down: -1 };

/**
 * Answers the bot gave and the 👍/👎 votes on them, in SQLite under DATA_DIR. Answers are stored so that buttons
 * pressed later (even after a restart) find the question, answer and citations their custom id points to.
 */
export class FeedbackStore {
  private readonly insertAnswer;
  private readonly selectAnswer;
  private readonly selectVote;
  private readonly insertVote;
  private readonly updateVote;
  private readonly selectTally;

  constructor(private readonly db: Database.Database) {
    prepareConnection(db);
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.insertAnswer = db.prepare<[string, string, string, number, string, string, string | null, string | null, string]>(
      "INSERT INTO answers (id, question, answer, abstained, citations, asked_by, guild_id, channel_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.selectAnswer = db.prepare<[string], AnswerRow>(
      "SELECT id, question, answer, abstained, citations, asked_by, created_at FROM answers WHERE id = ?",
    );
    this.selectVote = db.prepare<[string, string], { vote: number }>("SELECT vote FROM feedback WHERE answer_id = ? AND user_id = ?");
    this.insertVote = db.prepare<[string, string, number, string, string]>(
      "INSERT INTO feedback (answer_id, user_id, vote, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
    );
    this.updateVote = db.prepare<[number, string, string, string]>(
      "UPDATE feedback SET vote = ?, updated_at = ? WHERE answer_id = ? AND user_id = ?",
    );
    this.selectTally = db.prepare<[string], { up: number | null; down: number | null }>(
      "SELECT SUM(vote = 1) AS up, SUM(vote = -1) AS down FROM feedback WHERE answer_id = ?",
    );
  }

  static open(dataDir: string): FeedbackStore {
    return new FeedbackStore(openDatabase(dataDir));
  }

  /** Stores an answer and returns its id: short and free of ":", so it fits in a button's custom id. */
  saveAnswer(answer: Answer, where: AskedWhere): string {
    const id = randomBytes(9).toString("base64url");
    this.insertAnswer.run(
      id,
      answer.question,
      answer.answer,
      answer.abstained ? 1 : 0,
      JSON.stringify(answer.citations.map(({ n, docId, title, paragraph, quote, score }) => ({ n, docId, title, paragraph, quote, score }))),
      where.userId,
      where.guildId ?? null,
      where.channelId ?? null,
      new Date().toISOString(),
    );
    return id;
  }

  answer(id: string): StoredAnswer | undefined {
    const row = this.selectAnswer.get(id);
    if (!row) return undefined;
    return {
      id: row.id,
      question: row.question,
      answer: row.answer,
      abstained: row.abstained === 1,
      citations: citationsSchema.parse(JSON.parse(row.citations)),
      askedBy: row.asked_by,
      createdAt: row.created_at,
    };
  }

  /** One vote per user per answer: voting again replaces the earlier vote. */
  vote(answerId: string, userId: string, vote: Vote): VoteOutcome {
    return this.db.transaction((): VoteOutcome => {
      if (!this.selectAnswer.get(answerId)) {
        throw new UserError("UNKNOWN_ANSWER", "That answer is no longer stored, so it cannot take a vote. Ask again with /ask.");
      }
      const now = new Date().toISOString();
      const previous = this.selectVote.get(answerId, userId);
      if (!previous) {
        this.insertVote.run(answerId, userId, VOTE_VALUE[vote], now, now);
        return "recorded";
      }
      if (previous.vote === VOTE_VALUE[vote]) return "unchanged";
      this.updateVote.run(VOTE_VALUE[vote], now, answerId, userId);
      return "changed";
    })();
  }

  tally(answerId: string): { up: number; down: number } {
    const row = this.selectTally.get(answerId);
    return { up: row?.up ?? 0, down: row?.down ?? 0 };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
