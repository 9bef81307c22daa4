import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ABSTAIN_MESSAGE, NO_STEPS_MESSAGE } from "../../src/answer/extractive.js";
import { cleanQuestion, MAX_K, MAX_QUESTION_LENGTH, WHICH_DOCUMENT_MESSAGE, type AnswerEngine, type ComputeTurn } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open.js";
import type { Answer } from "../../src/answer/types.js";
import { countWords } from "../../src/corpus/sentences.js";
import { isUserError, UserError, type UserErrorCode } from "../../src/errors.js";
import { CORPUS_DIR, markedSentences, PARAGRAPHS, QUESTIONS, SEED_FILE, SEED_ID, SEED_TITLE } from "./seed.js";

let engine: AnswerEngine;
let indexDir: string;

beforeAll(async () => {
  indexDir = await mkdtemp(path.join(tmpdir(), "sitrep-engine-"));
  ({ engine } = await openEngine({ corpusDir: CORPUS_DIR, indexDir }));
});

afterAll(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

/** Every rule an answer must follow, whatever the question. */
function expectWellFormed(answer: Answer): void {
  if (answer.abstained) {
    expect(answer.answer.startsWith(ABSTAIN_MESSAGE.slice(0, -1))).toBe(true);
    expect(answer.citations).toEqual([]);
    expect(answer.closest.length).toBeLessThanOrEqual(3);
    return;
  }
  expect(answer.closest).toEqual([]);
  const sentences = markedSentences(answer.answer);
  // Nothing outside "sentence [n]" pairs, and the pairs rebuild the answer exactly.
  expect(sentences.map((s) => `${s.text} [${s.n}]`).join(" ")).toBe(answer.answer);
  expect(sentences.length).toBeGreaterThanOrEqual(1);
  expect(sentences.length).toBeLessThanOrEqual(5);
  expect(sentences.reduce((sum, s) => sum + countWords(s.text), 0)).toBeLessThanOrEqual(120);

  const firstUse = [...new Set(sentences.map((s) => s.n))];
  expect(firstUse).toEqual(firstUse.map((_, i) => i + 1));
  expect(answer.citations.map((c) => c.n)).toEqual(firstUse);

  for (const citation of answer.citations) {
    expect(citation.docId).toBe(SEED_ID);
    expect(citation.title).toBe(SEED_TITLE);
    const paragraph = PARAGRAPHS[citation.paragraph - 1];
    expect(paragraph, `paragraph ${citation.paragraph}`).toBeDefined();
    expect(citation.quote.length).toBeGreaterThan(0);
    expect(paragraph).toContain(citation.quote);
    expect(citation.score).toBeGreaterThanOrEqual(0);
    expect(citation.score).toBeLessThanOrEqual(1);
    // Each sentence marked [n] is verbatim in that citation's quote.
    for (const sentence of sentences.filter((s) => s.n === citation.n)) expect(citation.quote).toContain(sentence.text);
  }
}

async function expectUserError(action: () => unknown, code: UserErrorCode): Promise<void> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(UserError);
  expect(isUserError(caught)).toBe(true);
  expect((caught as UserError).code).toBe(code);
  expect((caught as UserError).message.length).toBeGreaterThan(0);
}

/**
 * Asks a question whose answering paragraph search ranks low (at `rankedFrom`, 0-based, or below), and checks that the
 * answer leads with it anyway.
 */
async function expectLeadsThoughRankedLow(question: string, expected: { paragraph: number; rankedFrom: number; lead: RegExp }): Promise<void> {
  const searched = await engine.search(question, { k: MAX_K });
  expect(searched.findIndex((hit) => hit.paragraph === expected.paragraph)).toBeGreaterThanOrEqual(expected.rankedFrom);
  const answer = await engine.ask(question);
  expectWellFormed(answer);
  expect(answer.citations[0]?.paragraph).toBe(expected.paragraph);
  expect(answer.sentences[0]?.text).toMatch(expected.lead);
}

describe("AnswerEngine.ask on the seed corpus", () => {
  it("GIVEN a factual question THEN it cites the paragraph that holds the fact, quoting it verbatim", async () => {
    const answer = await engine.ask("According to the U.S. government, how many North Korean troops are in the Kursk region?");
    expectWellFormed(answer);
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((c) => c.paragraph)).toContain(1);
    expect(answer.answer).toContain("10,000");
    expect(answer.passagesSearched).toBe(14);
    expect(answer.milliseconds).toBeGreaterThanOrEqual(0);
  });

  it("GIVEN a question naming a person THEN the first citation is the paragraph quoting them", async () => {
    const answer = await engine.ask("What did Choe Son Hui call Russia's offensive?");
    expectWellFormed(answer);
    expect(answer.citations[0]).toMatchObject({ n: 1, paragraph: 4 });
    expect(answer.citations[0]?.quote).toContain("righteous holy war");
  });

  it("GIVEN a question asking what the writer wants done THEN the passage saying what should be done is cited, though it ranks lower", async () => {
    const question = "What does the author recommend the West do about Moscow and Pyongyang?";
    const searched = await engine.search(question, { k: MAX_K });
    const rank = searched.findIndex((hit) => hit.paragraph === 11);
    expect(rank).toBeGreaterThanOrEqual(4);
    const answer = await engine.ask(question);
    expectWellFormed(answer);
    expect(answer.citations.map((c) => c.paragraph)).toContain(11);
    expect(answer.answer).toContain("the West should adopt a more assertive stance");
  });

  it("GIVEN a question about what someone named said THEN the sentence reporting them leads, though its passage ranks low", async () => {
    // The article never says "DoD": paragraph 2 reports "the Pentagon".
    const question = "What did the DoD say about Kim's soldiers arriving?";
    await expectLeadsThoughRankedLow(question, { paragraph: 2, rankedFrom: 6, lead: /the Pentagon has merely voiced its “increasing concern\.”/ });
    // Two passages asked for: the best-ranked, then theirs. One: the best-ranked alone.
    expect((await engine.ask(question, { k: 2 })).citations.map((c) => c.paragraph)).toContain(2);
    expect((await engine.ask(question, { k: 1 })).abstained).toBe(false);
  });

  it("GIVEN a figure asked for according to someone the corpus never reports giving one THEN it abstains", async () => {
    const question = "How many North Korean soldiers have been sent to Kursk";
    expect((await engine.ask(`${question}, according to Washington?`)).citations[0]?.paragraph).toBe(1);
    // "dispatched" is said by the paragraph's "sent", the past of "send".
    const dispatched = await engine.ask("According to Washington, how many soldiers has Pyongyang dispatched to the Kursk area?");
    expect(dispatched.citations[0]?.paragraph).toBe(1);
    // The article's 10,000 is the U.S. government's figure; China gives none.
    const answer = await engine.ask(`${question}, according to China?`);
    expect(answer.abstained).toBe(true);
    expect(answer.citations).toEqual([]);
  });

  it("GIVEN a question for a figure according to someone named THEN the passage giving their figure leads, though it ranks low", async () => {
    // "Washington" is read as the United States; paragraph 1 opens "According to the U.S. government, at least 10,000 …".
    await expectLeadsThoughRankedLow("How big is the North Korean contingent according to Washington?", {
      paragraph: 1,
      rankedFrom: 3,
      lead: /^According to the U\.S\. government, at least 10,000 North Korean soldiers/,
    });
  });

  it("GIVEN a question for an item of the article's own list THEN the sentence opening that item leads, though its passage ranks low", async () => {
    await expectLeadsThoughRankedLow("What's the last concern the author raises?", { paragraph: 10, rankedFrom: 10, lead: /^Finally, North Korea’s foray/ });
    const second = await engine.ask("What is the second reason the author gives for doubting the deployment?");
    expect(second.sentences[0]?.text).toMatch(/^Secondly, the reliance on North Korean troops/);
  });

  it("GIVEN off-topic questions THEN the engine abstains, cites nothing and offers the closest passages", async () => {
    for (const question of ["What is the boiling point of water?", "How do I make kimchi at home?"]) {
      const answer = await engine.ask(question);
      expect(answer.abstained, question).toBe(true);
      expect(answer.citations).toEqual([]);
      expect(answer.answer).toBe(ABSTAIN_MESSAGE);
      expect(answer.closest.length).toBeGreaterThan(0);
      expect(answer.closest.length).toBeLessThanOrEqual(3);
      expect(answer.closest.every((h) => h.docId === SEED_ID)).toBe(true);
    }
  });

  it("GIVEN a question asking how to do something the article gives no steps for THEN the engine abstains and says so", async () => {
    const answer = await engine.ask("how do I change my discord nickname on mobile");
    expectWellFormed(answer);
    expect(answer.abstained).toBe(true);
    expect(answer.answer).toBe(NO_STEPS_MESSAGE);
  });

  it("GIVEN a question about someone the corpus never mentions THEN the engine abstains and names them", async () => {
    const answer = await engine.ask("What did Zelensky say about the North Korean troops?");
    expect(answer.abstained).toBe(true);
    expect(answer.answer).toContain("“Zelensky”");
    expect(answer.citations).toEqual([]);
  });

  it("GIVEN a sample of the seed eval set THEN each answer is well formed: verbatim quotes, [1]..[n] markers, ≤ 120 words, 1-5 sentences", async () => {
    // The 16 dev questions, then every fourth of the rest: all kinds (paraphrase, numeric, broad, unanswerable) appear.
    const sample = QUESTIONS.filter((_, i) => i < 16 || i % 4 === 0);
    expect(new Set(sample.map((x) => x.kind))).toEqual(new Set(QUESTIONS.map((x) => x.kind)));
    let answered = 0;
    for (const { q } of sample) {
      const answer = await engine.ask(q);
      expect(answer.question).toBe(q.trim());
      expectWellFormed(answer);
      if (!answer.abstained) answered++;
    }
    // Most of the set is answerable from the article: an engine that abstains on everything is not well behaved.
    expect(answered).toBeGreaterThan(sample.filter((x) => x.gold.length > 0).length / 2);
  });

  /** The question as typed is answered as `readAs` is, and reported as typed. */
  async function expectAnsweredAs(typed: string, readAs: string): Promise<void> {
    const [answer, meant] = [await engine.ask(typed), await engine.ask(readAs)];
    expect(answer.question).toBe(typed);
    expect(answer.abstained).toBe(false);
    expect({ answer: answer.answer, citations: answer.citations }).toEqual({ answer: meant.answer, citations: meant.citations });
  }

  it("GIVEN a question naming capitals THEN it is answered as if it named their countries, and reported as typed", async () => {
    await expectAnsweredAs(
      "How could Pyongyang's soldiers let Moscow shift its own forces elsewhere?",
      "How could North Korea's soldiers let Russia shift its own forces elsewhere?",
    );
    expect((await engine.search("Pyongyang's pact with Moscow")).map((h) => h.passageId)).toEqual(
      (await engine.search("North Korea's pact with Russia")).map((h) => h.passageId),
    );
  });

  it("GIVEN misspelt words and a country's abbreviation THEN the answer is the one to the question spelt out, reported as typed", async () => {
    await expectAnsweredAs(
      "why could NK soldiers get disillusoned, and how many casualites does russia take a day?",
      "why could North Korean soldiers get disillusioned, and how many casualties does russia take a day?",
    );
  });

  it("GIVEN a question asking only for the article's bottom line THEN the answer is its closing paragraph, cited", async () => {
    for (const question of ["What's the article's bottom line?", "tl;dr"]) {
      const answer = await engine.ask(question);
      expectWellFormed(answer);
      expect(answer.citations).toEqual([{ n: 1, docId: SEED_ID, title: SEED_TITLE, paragraph: 14, quote: PARAGRAPHS[13], score: 1 }]);
    }
  });

  it("GIVEN several documents WHEN the bottom line is asked without saying of which THEN it abstains and says why, unless a conversation cited one", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "sitrep-two-docs-"));
    try {
      await mkdir(path.join(root, "corpus"));
      await copyFile(path.join(CORPUS_DIR, SEED_FILE), path.join(root, "corpus", SEED_FILE));
      await writeFile(path.join(root, "corpus", "harbour.txt"), "The harbour reopened on Monday.\nShips queued for a week.\n");
      const { engine: twoDocuments } = await openEngine({ corpusDir: path.join(root, "corpus"), indexDir: path.join(root, "index") });

      const answer = await twoDocuments.ask("What's the bottom line of the article?");
      const history = [
        { question: "When did the harbour reopen?", citations: [{ docId: "harbour" }] },
        { question: "Who won the 2022 World Cup?", citations: [] },
      ];
      const inConversation = await twoDocuments.followUp(history, "tl;dr of the article?");

      expectWellFormed(answer);
      expect(answer).toMatchObject({ abstained: true, answer: WHICH_DOCUMENT_MESSAGE, citations: [] });
      // In a conversation, the article its latest answer cited (an abstention cites none).
      expect(inConversation).toMatchObject({ abstained: false, answer: "Ships queued for a week. [1]" });
      expect(inConversation.citations).toEqual([{ n: 1, docId: "harbour", title: "Harbour", paragraph: 2, quote: "Ships queued for a week.", score: 1 }]);
      expect(inConversation.resolvedQuestion).toBe("tl;dr of the article?");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("GIVEN a capital the corpus never mentions, nor its country THEN the abstention names the capital as typed", async () => {
    const answer = await engine.ask("What did Lisbon say about the North Korean troops?");
    expect(answer.abstained).toBe(true);
    expect(answer.answer).toContain("never mentions “Lisbon”");
  });

  it("GIVEN the same question twice THEN the answer is the same", async () => {
    const question = "Why could North Korea's involvement cause tensions with China?";
    const first = await engine.ask(question);
    const second = await engine.ask(question);
    expect({ ...second, milliseconds: 0 }).toEqual({ ...first, milliseconds: 0 });
  });

  it("GIVEN control and zero-width characters inside a question THEN they are treated as spaces", async () => {
    const answer = await engine.ask("  What did\u0000Choe Son\u200bHui call\t\tRussia's offensive?\n");
    expect(answer.question).toBe("What did Choe Son Hui call Russia's offensive?");
    expect(answer.citations[0]?.paragraph).toBe(4);
  });

  it("GIVEN k WHEN asking THEN the answer draws on at most that many passages", async () => {
    const answer = await engine.ask("What did Choe Son Hui call Russia's offensive?", { k: 1 });
    expectWellFormed(answer);
    expect(answer.citations).toHaveLength(1);
  });
});

describe("AnswerEngine turns", () => {
  it("GIVEN a turn scheduler WHEN asked THEN retrieval runs in one turn and summarising waits for the next, with the same answer", async () => {
    const calls: string[] = [];
    const turn: ComputeTurn = (task) => {
      calls.push(`turn ${calls.length + 1}`);
      return task();
    };
    const question = "How many North Korean soldiers were sent to Kursk?";

    const withTurns = await engine.ask(question, { turn });

    expect(calls).toEqual(["turn 1", "turn 2"]);
    expect(withTurns.answer).toBe((await engine.ask(question)).answer);
    expect(await engine.search(question, { turn })).toEqual(await engine.search(question));
    expect(calls).toHaveLength(3);
  });
});

describe("AnswerEngine input checks", () => {
  it("GIVEN an empty, blank or control-characters-only question THEN it throws EMPTY_QUESTION", async () => {
    for (const question of ["", "   ", "\n\t \r", "\u0000\u0007\u001b", "\u200b\u200d\ufeff", " \u0000 \u2060 "]) {
      await expectUserError(() => engine.ask(question), "EMPTY_QUESTION");
      await expectUserError(() => engine.search(question), "EMPTY_QUESTION");
    }
  });

  it("GIVEN a question over 1000 characters THEN it throws QUESTION_TOO_LONG; exactly 1000 is accepted", async () => {
    expect(MAX_QUESTION_LENGTH).toBe(1000);
    await expectUserError(() => engine.ask("troops ".repeat(150)), "QUESTION_TOO_LONG");
    await expectUserError(() => engine.ask("k".repeat(1001)), "QUESTION_TOO_LONG");
    await expectUserError(() => engine.search("k".repeat(1001)), "QUESTION_TOO_LONG");
    const exact = `${"Kursk ".repeat(166)}abcd`;
    expect(exact).toHaveLength(1000);
    await expect(engine.ask(exact)).resolves.toMatchObject({ question: exact });
  });

  it("GIVEN an accent typed as a separate mark THEN the question holds the accented letter, as the corpus does", () => {
    expect(cleanQuestion("Who governs Bogota\u0301?")).toBe("Who governs Bogot\u00e1?");
  });

  it("GIVEN long surrounding whitespace THEN only the cleaned question counts towards the limit", () => {
    expect(cleanQuestion(`${" ".repeat(2000)}Kursk?${"\n".repeat(2000)}`)).toBe("Kursk?");
  });

  it("GIVEN k outside 1..20 or not a whole number THEN ask and search throw BAD_OPTION", async () => {
    expect(MAX_K).toBe(20);
    for (const k of [0, -1, 21, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expectUserError(() => engine.ask("Kursk troops", { k }), "BAD_OPTION");
      await expectUserError(() => engine.search("Kursk troops", { k }), "BAD_OPTION");
    }
  });

  it("GIVEN k at the limits THEN search returns at most k distinct passages", async () => {
    expect(await engine.search("North Korean troops", { k: 1 })).toHaveLength(1);
    const all = await engine.search("North Korean troops", { k: 20 });
    expect(all).toHaveLength(14);
    expect(new Set(all.map((h) => h.passageId)).size).toBe(14);
    expect(await engine.search("North Korean troops")).toHaveLength(5);
  });
});

describe("AnswerEngine.search", () => {
  it("GIVEN a query THEN hits carry verbatim passage text and scores in [0, 1]", async () => {
    const hits = await engine.search("Poland NATO drones airspace", { k: 3 });
    expect(hits[0]?.paragraph).toBe(10);
    for (const hit of hits) {
      expect(hit.docId).toBe(SEED_ID);
      expect(hit.text).toBe(PARAGRAPHS[hit.paragraph - 1]);
      expect(hit.score).toBeGreaterThanOrEqual(0);
      expect(hit.score).toBeLessThanOrEqual(1);
    }
  });
});

describe("AnswerEngine documents and paragraphs", () => {
  it("GIVEN the seed corpus THEN documents() lists the one article with its 14 paragraphs", () => {
    expect(engine.documents()).toEqual([
      { id: SEED_ID, title: SEED_TITLE, file: SEED_FILE, paragraphs: 14, indexedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown },
    ]);
    expect(engine.passageCount).toBe(14);
  });

  it("GIVEN a document and paragraph number THEN paragraph() returns that line of the file", () => {
    for (const n of [1, 7, 14]) {
      const { document, text } = engine.paragraph(SEED_ID, n);
      expect(text).toBe(PARAGRAPHS[n - 1]);
      expect(document.id).toBe(SEED_ID);
    }
  });

  it("GIVEN an unknown document THEN paragraph() throws UNKNOWN_DOCUMENT", async () => {
    await expectUserError(() => engine.paragraph("no-such-article", 1), "UNKNOWN_DOCUMENT");
    await expectUserError(() => engine.paragraph("", 1), "UNKNOWN_DOCUMENT");
  });

  it("GIVEN a paragraph number out of range or not whole THEN paragraph() throws UNKNOWN_PARAGRAPH", async () => {
    for (const n of [0, -1, 15, 1.5, Number.NaN]) await expectUserError(() => engine.paragraph(SEED_ID, n), "UNKNOWN_PARAGRAPH");
  });
});
