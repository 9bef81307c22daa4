import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";

/** Feedback, conversations and briefing schedules all live in this one file under DATA_DIR. */
export const DATABASE_FILE = "sitrep.db";

export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  return new Database(path.join(dataDir, DATABASE_FILE));
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
