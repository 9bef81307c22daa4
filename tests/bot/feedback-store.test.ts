import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_FILE, FeedbackStore } from "../../src/bot/feedback-store.js";
import { isUserError } from "../../src/errors.js";
import { answerOf } from "./render/fixtures.js";

let dir: string;
let store: FeedbackStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-feedback-"));
  store = FeedbackStore.open(path.join(dir, "nested", "data"));
});

afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("FeedbackStore", () => {
  it("GIVEN a new data directory WHEN opened THEN it creates the database in WAL mode", () => {
    const file = path.join(dir, "nested", "data", DATABASE_FILE);
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(1);
    db.close();
  });

  it("GIVEN a saved answer WHEN read back by its id THEN question, answer, abstention, citations and asker round-trip", () => {
    const answer = answerOf(2, { quoteLength: 40 });

    const id = store.saveAnswer(answer, { userId: "42", guildId: "7", channelId: null });

    expect(id).toMatch(/^[\w-]{12}$/);
    expect(store.answer(id)).toEqual({
      id,
      question: answer.question,
      answer: answer.answer,
      abstained: false,
      citations: answer.citations,
      askedBy: "42",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
    expect(store.answer("missing")).toBeUndefined();
  });

  it("GIVEN votes WHEN a user votes, repeats and changes their mind THEN one vote per user per answer is kept", () => {
    const id = store.saveAnswer(answerOf(1), { userId: "asker" });

    expect(store.vote(id, "a", "up")).toBe("recorded");
    expect(store.vote(id, "a", "up")).toBe("unchanged");
    expect(store.vote(id, "b", "down")).toBe("recorded");
    expect(store.tally(id)).toEqual({ up: 1, down: 1 });
    expect(store.vote(id, "a", "down")).toBe("changed");
    expect(store.tally(id)).toEqual({ up: 0, down: 2 });
  });

  it("GIVEN an unknown answer id WHEN voted on THEN it is a friendly UNKNOWN_ANSWER error and nothing is stored", () => {
    let caught: unknown;
    try {
      store.vote("nope", "a", "up");
    } catch (error) {
      caught = error;
    }

    expect(isUserError(caught) && caught.code).toBe("UNKNOWN_ANSWER");
    expect(store.tally("nope")).toEqual({ up: 0, down: 0 });
  });

  it("GIVEN a closed store WHEN reopened THEN answers and votes are still there", () => {
    const id = store.saveAnswer(answerOf(1), { userId: "asker" });
    store.vote(id, "a", "down");
    store.close();

    store = FeedbackStore.open(path.join(dir, "nested", "data"));

    expect(store.answer(id)?.question).toBe("What happened in Kursk?");
    expect(store.tally(id)).toEqual({ up: 0, down: 1 });
  });
});
