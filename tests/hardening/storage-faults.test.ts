import Database from "better-sqlite3";
import { existsSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConversationStore } from "../../src/bot/conversation-store.js";
import { FeedbackStore } from "../../src/bot/feedback-store.js";
import { runCli } from "../../src/cli/run.js";
import { DATABASE_FILE } from "../../src/storage/sqlite.js";
import { startDiscordStandin, type Standin } from "../support/discord-standin/index.js";
import { recordingIo } from "../bot/cli-io.js";
import { CORPUS_DIR } from "../bot/harness.js";
import { answerOf } from "../bot/render/fixtures.js";

let dir: string;
let standin: Standin | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-storage-faults-"));
});

afterEach(async () => {
  await standin?.close();
  standin = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe("SQLite busy or locked", () => {
  it("GIVEN another connection holds the write lock WHEN the bot stores an answer THEN reads go on, the write fails loudly (SQLITE_BUSY) after the busy timeout, and succeeds once the lock is gone", () => {
    const store = FeedbackStore.open(dir);
    const kept = store.saveAnswer(answerOf(1), { userId: "asker" });
    const other = new Database(path.join(dir, DATABASE_FILE));
    try {
      other.exec("BEGIN IMMEDIATE");

      expect(store.answer(kept)?.askedBy).toBe("asker");
      expect(() => store.saveAnswer(answerOf(2), { userId: "blocked" })).toThrow(expect.objectContaining({ code: "SQLITE_BUSY" }));
      other.exec("ROLLBACK");
      const after = store.saveAnswer(answerOf(2), { userId: "after" });

      expect(store.answer(after)?.askedBy).toBe("after");
      expect(store.answer(kept)?.askedBy).toBe("asker");
    } finally {
      other.close();
      store.close();
    }
  }, 15_000);

  it("GIVEN a conversation written by one connection WHEN the process stops without closing THEN a new connection reads every committed turn", () => {
    const first = ConversationStore.open(dir);
    const answer = answerOf(1);
    const turn = { question: "q", resolvedQuestion: "q", answer: answer.answer, abstained: false, citations: answer.citations, askedBy: "u1" };
    first.open({ threadId: "t1", openedBy: "u1" }, turn);
    first.addTurn("t1", { ...turn, question: "q2", resolvedQuestion: "q2" });
    // No close(): the WAL holds the commit until a checkpoint, which is what a crash leaves behind.
    const second = ConversationStore.open(dir);
    try {
      expect(second.get("t1")?.openedBy).toBe("u1");
      expect(second.turns("t1").map((t) => t.question)).toEqual(["q", "q2"]);
    } finally {
      second.close();
      first.close();
    }
  });
});

// An unwritable DATA_DIR is a row of tests/hardening/bad-config.test.ts.
describe("a damaged database at start-up", () => {
  const run = (dataDir: string) => {
    const s = standin!;
    const indexDir = path.join(dir, "never-built");
    const io = recordingIo({ DISCORD_TOKEN: s.token, DISCORD_API_URL: s.apiUrl, CORPUS_DIR, INDEX_DIR: indexDir, DATA_DIR: dataDir });
    return { io, indexDir, code: runCli(["bot"], io) };
  };

  it("GIVEN a sitrep.db that is not a SQLite database WHEN `sitrep bot` starts THEN one line says so and what to do, before the index is built", async () => {
    standin = await startDiscordStandin();
    const dataDir = path.join(dir, "data");
    FeedbackStore.open(dataDir).close();
    writeFileSync(path.join(dataDir, DATABASE_FILE), "this was overwritten by something that is not SQLite ".repeat(200));

    const { io, indexDir, code } = run(dataDir);

    expect(await code).toBe(2);
    expect(io.stderr).toEqual([
      expect.stringMatching(/^sitrep: .*sitrep\.db is not a readable SQLite database \(SQLITE_NOTADB\): move it aside and restart/),
    ]);
    expect(existsSync(indexDir)).toBe(false);
  });
});
