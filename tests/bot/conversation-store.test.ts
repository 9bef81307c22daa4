import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConversationStore, DEFAULT_MAX_TURNS, type NewTurn } from "../../src/bot/conversation-store.js";
import { DATABASE_FILE, FeedbackStore } from "../../src/bot/feedback-store.js";
import { citation } from "./render/fixtures.js";

let dir: string;
let dataDir: string;
const opened: { close(): void }[] = [];

function open(options: { maxTurns?: number } = {}): ConversationStore {
  const store = ConversationStore.open(dataDir, options);
  opened.push(store);
  return store;
}

function turn(i: number, extra: Partial<NewTurn> = {}): NewTurn {
  return {
    question: `question ${i}`,
    resolvedQuestion: `question ${i} resolved`,
    answer: `answer ${i} [1]`,
    abstained: false,
    citations: [citation(1, `quote ${i}`)],
    askedBy: "42",
    ...extra,
  };
}

const THREAD = "1300000000000000001";
const where = { threadId: THREAD, guildId: "7", parentId: "8", answerId: "ans1", openedBy: "42" };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-conversations-"));
  dataDir = path.join(dir, "nested", "data");
});

afterEach(async () => {
  for (const store of opened.splice(0)) store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("ConversationStore", () => {
  it("GIVEN a data directory WHEN opened next to the feedback store THEN both use sitrep.db in WAL mode, each with its own tables", () => {
    const feedback = FeedbackStore.open(dataDir);
    opened.push(feedback);
    open();

    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((t) => t.name);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    expect(tables).toEqual(["answers", "conversation_turns", "conversations", "feedback"]);
  });

  it("GIVEN a thread opened with its first turn WHEN read back THEN the conversation and the turn round-trip, citations included", () => {
    const store = open();

    const conversation = store.open(where, turn(1));

    expect(conversation).toEqual({
      threadId: THREAD,
      guildId: "7",
      parentId: "8",
      answerId: "ans1",
      openedBy: "42",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      updatedAt: conversation.createdAt,
      closed: null,
    });
    expect(store.turns(THREAD)).toEqual([{ ...turn(1), createdAt: expect.stringMatching(/^\d{4}-/) as string }]);
    expect(store.forAnswer("ans1")?.threadId).toBe(THREAD);
    expect(store.get("unknown")).toBeUndefined();
    expect(store.turns("unknown")).toEqual([]);
  });

  it("GIVEN a limit of 3 turns WHEN 5 turns are stored THEN only the last 3 remain, oldest first", () => {
    const store = open({ maxTurns: 3 });
    store.open(where, turn(1));

    for (let i = 2; i <= 5; i++) store.addTurn(THREAD, turn(i));

    expect(store.turns(THREAD).map((t) => t.question)).toEqual(["question 3", "question 4", "question 5"]);
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM conversation_turns").get()).toEqual({ n: 3 });
    db.close();
  });

  it("GIVEN turns stored WHEN the store is closed and opened again (a restart) THEN every turn is still there", () => {
    const first = open();
    first.open(where, turn(1));
    first.addTurn(THREAD, turn(2, { abstained: true, citations: [] }));
    first.close();

    const reopened = open();

    expect(reopened.turns(THREAD).map((t) => [t.question, t.resolvedQuestion, t.abstained, t.citations.length])).toEqual([
      ["question 1", "question 1 resolved", false, 1],
      ["question 2", "question 2 resolved", true, 0],
    ]);
    expect(existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
  });

  it("GIVEN more turns stored than a lower limit set at the next start WHEN read THEN only the last ones count", () => {
    const first = open({ maxTurns: 10 });
    first.open(where, turn(1));
    for (let i = 2; i <= 6; i++) first.addTurn(THREAD, turn(i));
    first.close();

    expect(open({ maxTurns: 2 }).turns(THREAD).map((t) => t.question)).toEqual(["question 5", "question 6"]);
  });

  it("GIVEN an open conversation WHEN its thread is archived, unarchived and deleted THEN it closes, reopens, and stays closed once deleted", () => {
    const store = open();
    store.open(where, turn(1));

    expect(store.markClosed(THREAD, "archived")).toBe(true);
    expect(store.markClosed(THREAD, "archived")).toBe(false);
    expect(store.get(THREAD)?.closed).toEqual({ at: expect.any(String) as string, reason: "archived" });
    expect(store.reopen(THREAD)).toBe(true);
    expect(store.get(THREAD)?.closed).toBeNull();
    expect(store.markClosed(THREAD, "deleted")).toBe(true);
    expect(store.reopen(THREAD)).toBe(false);
    expect(store.get(THREAD)?.closed?.reason).toBe("deleted");
    expect(store.markClosed("unknown", "deleted")).toBe(false);
  });

  it("GIVEN conversations in threads of a channel WHEN the channel is deleted THEN all of them close", () => {
    const store = open();
    store.open(where, turn(1));
    store.open({ ...where, threadId: "1300000000000000002", answerId: "ans2" }, turn(1));
    store.open({ ...where, threadId: "1300000000000000003", parentId: "9" }, turn(1));

    expect(store.markClosedUnder("8", "deleted")).toBe(2);
    expect(store.get("1300000000000000003")?.closed).toBeNull();
  });

  it("GIVEN a deleted thread whose id comes back (a new thread on the same message) WHEN opened again THEN the old turns are gone", () => {
    const store = open();
    store.open(where, turn(1));
    store.addTurn(THREAD, turn(2));
    store.markClosed(THREAD, "deleted");

    store.open(where, turn(9));

    expect(store.get(THREAD)?.closed).toBeNull();
    expect(store.turns(THREAD).map((t) => t.question)).toEqual(["question 9"]);
  });

  it("GIVEN no conversation for a thread WHEN a turn is added THEN it refuses; and a limit below 1 is refused", () => {
    const store = open();

    expect(() => store.addTurn(THREAD, turn(1))).toThrow(/no conversation is stored for thread/);
    expect(() => open({ maxTurns: 0 })).toThrow(RangeError);
    expect(DEFAULT_MAX_TURNS).toBe(10);
    expect(store.maxTurns).toBe(10);
  });
});
