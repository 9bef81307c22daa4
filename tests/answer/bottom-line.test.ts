import { describe, expect, it } from "vitest";
import { asksForBottomLine, closingSentences } from "../../src/answer/bottom-line.js";

describe("asksForBottomLine", () => {
  it.each([
    "What's the article's bottom line?",
    "bottom line of the piece?",
    "What's the report's bottom line?",
    "What does the author conclude?",
    "What's the main takeaway?",
    "tl;dr",
    "sum it up",
    "give me the gist",
  ])("GIVEN %j THEN it asks for the text's conclusion", (question) => {
    expect(asksForBottomLine(question)).toBe(true);
  });

  it.each([
    ["What conclusion did the Pentagon draw?", "someone else's conclusion"],
    ["What's the bottom line on North Korea's troops?", "a topic of its own"],
    ["What does the author conclude about Seoul?", "a topic of its own"],
    ["What is the key point of Xi's warning?", "a topic of its own"],
    ["How many troops were sent?", "no conclusion asked for"],
  ])("GIVEN %j THEN it is an ordinary question (%s)", (question) => {
    expect(asksForBottomLine(question)).toBe(false);
  });
});

describe("closingSentences", () => {
  const text = "One two three. Four five six seven. Eight nine.";
  const taken = (maxWords: number, maxSentences = 5): string[] => closingSentences(text, maxWords, maxSentences).map((s) => text.slice(s.start, s.end));

  it("GIVEN a last paragraph within the budget THEN all of it is kept", () => {
    expect(taken(120)).toEqual(["One two three.", "Four five six seven.", "Eight nine."]);
  });

  it("GIVEN a longer last paragraph THEN its last sentences that fit are kept, in order", () => {
    expect(taken(6)).toEqual(["Four five six seven.", "Eight nine."]);
    expect(taken(120, 1)).toEqual(["Eight nine."]);
  });

  it("GIVEN a last sentence longer than the budget THEN it is still kept, alone", () => {
    expect(taken(1)).toEqual(["Eight nine."]);
  });
});
