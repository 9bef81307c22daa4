import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";

/** Feedback, conversations and briefing schedules all live in this one file under DATA_DIR. */
export const DATABASE_FILE = "sitrep.db";

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
}

/** SQLite's word for a file it cannot read as a database: a crash mid-write on a disk that lied, or not SQLite at all. */
const UNREADABLE = new Set(["SQLITE_NOTADB", "SQLITE_CORRUPT"]);

/**
 * Opens the shared file, or says in one line what is wrong with DATA_DIR: the bot would otherwise start, then fail
 * on the first vote or thread with an internal error, or lose what it meant to store.
 */
export function openDatabase(dataDir: string): Database.Database {
  const file = path.join(dataDir, DATABASE_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new UserError("BAD_DATA_DIR", `DATA_DIR ${dataDir} cannot be created or written (${errorCode(error)}): point DATA_DIR at a writable folder.`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    // The first statement that reads the header: a damaged file is found here, not on a user's first vote.
    db.pragma("journal_mode = WAL");
    return db;
  } catch (error) {
    db?.close();
    const code = errorCode(error);
    if (UNREADABLE.has(code)) {
      throw new UserError(
        "DATABASE_UNREADABLE",
        `${file} is not a readable SQLite database (${code}): move it aside and restart (sitrep then starts a new, empty one), ` +
          "or restore it from a backup; it holds the stored answers and feedback, thread conversations and briefing schedules.",
      );
    }
    throw new UserError("BAD_DATA_DIR", `cannot open ${file} (${code}): point DATA_DIR at a writable folder.`);
  }
}

/**
 * Settings every connection to the shared file needs: WAL so readers never block the writer, a busy timeout so a
 * second process waits for a lock instead of failing, and foreign keys, which SQLite leaves off by default.
 */
export function prepareConnection(db: Database.Database): void {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
}
