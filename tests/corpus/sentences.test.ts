import { describe, expect, it } from "vitest";
import { countWords, splitSentences } from "../../src/corpus/sentences.js";

const cases: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  [
    "dotted country acronyms mid-sentence",
    "According to the U.S. government, troops moved. The U.N. Security Council, the U.K. and the E.U. objected.",
    [
      "According to the U.S. government, troops moved.",
      "The U.N. Security Council, the U.K. and the E.U. objected.",
    ],
  ],
  [
    "St. before a place name",
    "Protests spread in Moscow and St. Petersburg, where the elite reside. Police responded.",
    ["Protests spread in Moscow and St. Petersburg, where the elite reside.", "Police responded."],
  ],
  [
    "titles before names",
    "Mr. Kim met Mrs. Lee and Dr. Park. Gen. Milley, Sen. Warren, Rep. Lee and Gov. Hochul spoke.",
    ["Mr. Kim met Mrs. Lee and Dr. Park.", "Gen. Milley, Sen. Warren, Rep. Lee and Gov. Hochul spoke."],
  ],
  [
    "Jr., No., Jan. and vs.",
    "Martin Luther King Jr. Day fell on Jan. 20 this year. It was No. 5 on the list, Biden vs. Trump again.",
    ["Martin Luther King Jr. Day fell on Jan. 20 this year.", "It was No. 5 on the list, Biden vs. Trump again."],
  ],
  [
    "etc. inside a sentence",
    "Shells, missiles, etc. are sourced abroad. Drones too.",
    ["Shells, missiles, etc. are sourced abroad.", "Drones too."],
  ],
  [
    "initials",
    "Joe B. Smith arrived. J. R. R. Tolkien wrote it.",
    ["Joe B. Smith arrived.", "J. R. R. Tolkien wrote it."],
  ],
  [
    "decimals and money",
    "Growth was 3.5 percent. Aid reached $1.2 billion. It was No. 5.",
    ["Growth was 3.5 percent.", "Aid reached $1.2 billion.", "It was No. 5."],
  ],
  [
    "ellipsis followed by lower case",
    "He paused... then went on. Wait… what now? Nobody knows.",
    ["He paused... then went on.", "Wait… what now?", "Nobody knows."],
  ],
  [
    "ellipsis followed by a capital",
    "He trailed off... The room fell silent.",
    ["He trailed off...", "The room fell silent."],
  ],
  [
    "curly quotes stay with their sentence",
    "President Joe Biden stated, “If they cross into Ukraine, yes.” Consequently, this signals intent.",
    ["President Joe Biden stated, “If they cross into Ukraine, yes.”", "Consequently, this signals intent."],
  ],
  [
    "straight quotes stay with their sentence",
    'She said, "We will stay." They stayed. He called it \'a holy war.\' Nobody agreed.',
    ['She said, "We will stay."', "They stayed.", "He called it 'a holy war.'", "Nobody agreed."],
  ],
  [
    "closing brackets stay with their sentence",
    "Troops arrived. (The figure is disputed.) Officials confirmed it.",
    ["Troops arrived.", "(The figure is disputed.)", "Officials confirmed it."],
  ],
  [
    "question and exclamation marks",
    "Will they fight? Nobody knows! Stay tuned.",
    ["Will they fight?", "Nobody knows!", "Stay tuned."],
  ],
  [
    "question inside quotes",
    "“Why now?” she asked. “Why not?” He shrugged.",
    ["“Why now?” she asked.", "“Why not?”", "He shrugged."],
  ],
  [
    "acronym ending a sentence before a typical sentence opener",
    "Aid was sent to the U.S. The next day it arrived.",
    ["Aid was sent to the U.S.", "The next day it arrived."],
  ],
  [
    "acronym before a proper noun",
    "Aid was sent to the U.S. Army in Europe.",
    ["Aid was sent to the U.S. Army in Europe."],
  ],
  [
    "etc. ending a sentence before a typical sentence opener",
    "They bought shells, drones, etc. Then they left.",
    ["They bought shells, drones, etc.", "Then they left."],
  ],
  ["text without a final stop", "No stop at the end", ["No stop at the end"]],
  ["empty text", "   ", []],
];

describe("splitSentences", () => {
  it.each(cases)("GIVEN %s THEN it splits only at sentence ends", (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it("GIVEN text with irregular whitespace THEN sentences are trimmed substrings that rebuild the normalised text", () => {
    const text = "  First one.\n\nSecond  one?   Third “one.”\t";
    const sentences = splitSentences(text);
    expect(sentences).toEqual(["First one.", "Second  one?", "Third “one.”"]);
    for (const sentence of sentences) expect(text).toContain(sentence);
    expect(sentences.join(" ").replace(/\s+/g, " ")).toBe(text.trim().replace(/\s+/g, " "));
  });
});

describe("countWords", () => {
  it.each([
    ["", 0],
    ["   \n\t", 0],
    ["one", 1],
    ["  two  words\n", 2],
    ["non\u00a0breaking space", 3],
    ["“quoted,” she said — twice.", 5],
  ])("GIVEN %j THEN it counts %i words", (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});
