import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { ABSTAIN_MESSAGE, ExtractiveSummarizer, NO_AGE_MESSAGE, type Summary } from "../../src/answer/extractive.js";
import { openEngine } from "../../src/answer/open.js";
import { countWords, splitSentences } from "../../src/corpus/sentences.js";
import { FeatureExtractor } from "../../src/retrieval/embeddings/features.js";
import { referenceIdf } from "../../src/retrieval/embeddings/idf.js";
import { KindsOf } from "../../src/retrieval/kinds-of.js";
import { UnmentionedNames, vocabularyOf } from "../../src/retrieval/unmentioned-names.js";
import { WordNet } from "../../src/retrieval/embeddings/wordnet.js";
import type { SearchHit } from "../../src/retrieval/hybrid-search.js";
import { RelevanceScorer } from "../../src/retrieval/relevance.js";
import { SoftMatcher } from "../../src/retrieval/semantic/soft-match.js";
import { planeVectors } from "../support/word-vectors.js";
import { CORPUS_DIR, markedSentences, PARAGRAPHS, QUESTIONS, SEED_ID, SEED_TITLE } from "./seed.js";

let engine: AnswerEngine;
let scorer: RelevanceScorer;
let indexDir: string;

beforeAll(async () => {
  indexDir = await mkdtemp(path.join(tmpdir(), "sitrep-extractive-"));
  ({ engine } = await openEngine({ corpusDir: CORPUS_DIR, indexDir }));
  const idf = referenceIdf();
  scorer = new RelevanceScorer(new FeatureExtractor(WordNet.open(), idf), idf);
});

afterAll(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

/** A search hit over paragraph `paragraph` of the seed article, or over a slice of it as chunk `chunk`. */
function hit(paragraph: number, score: number, text = PARAGRAPHS[paragraph - 1]!, chunk = 0): SearchHit {
  return { passageId: `${SEED_ID}#${paragraph}.${chunk}`, docId: SEED_ID, title: SEED_TITLE, paragraph, chunk, text, score };
}

async function summarize(question: string, options: ConstructorParameters<typeof ExtractiveSummarizer>[1] = {}): Promise<Summary> {
  const hits = await engine.search(question, { k: 6 });
  return new ExtractiveSummarizer(scorer, options).summarize(question, hits);
}

/** Citations quote their paragraph verbatim and markers run [1]..[n] in order of first use. */
function expectCitedVerbatim(summary: Summary): void {
  expect(summary.abstained).toBe(false);
  const sentences = markedSentences(summary.answer);
  expect(sentences.map((s) => `${s.text} [${s.n}]`).join(" ")).toBe(summary.answer);
  const firstUse = [...new Set(sentences.map((s) => s.n))];
  expect(firstUse).toEqual(firstUse.map((_, i) => i + 1));
  expect(summary.citations.map((c) => c.n)).toEqual(firstUse);
  for (const citation of summary.citations) {
    expect(citation).toMatchObject({ docId: SEED_ID, title: SEED_TITLE });
    expect(PARAGRAPHS[citation.paragraph - 1]).toContain(citation.quote);
    for (const s of sentences.filter((x) => x.n === citation.n)) expect(citation.quote).toContain(s.text);
  }
}

describe("ExtractiveSummarizer over the seed article", () => {
  it("GIVEN answerable dev questions THEN every answer is 1-5 whole sentences, at most 120 words, each quoted verbatim", async () => {
    for (const { q } of QUESTIONS.slice(0, 14)) {
      const summary = await summarize(q);
      expectCitedVerbatim(summary);
      const sentences = markedSentences(summary.answer);
      expect(sentences.length).toBeGreaterThanOrEqual(1);
      expect(sentences.length).toBeLessThanOrEqual(5);
      expect(sentences.reduce((sum, s) => sum + countWords(s.text), 0)).toBeLessThanOrEqual(120);
      // Whole sentences: each one is a sentence of the paragraph it cites, not a fragment.
      for (const s of sentences) {
        const citation = summary.citations.find((c) => c.n === s.n)!;
        expect(splitSentences(PARAGRAPHS[citation.paragraph - 1]!)).toContain(s.text);
      }
    }
  });

  it("GIVEN a question answered by one sentence THEN that sentence leads the answer as [1]", async () => {
    const summary = await summarize("What did Xi Jinping caution against?");
    expectCitedVerbatim(summary);
    expect(summary.citations[0]?.paragraph).toBe(6);
    expect(markedSentences(summary.answer)[0]?.text).toContain("“adding fuel to the fire”");
  });

  it("GIVEN several sentences of one paragraph THEN they share one citation whose quote is one verbatim span covering them", () => {
    const hits = [hit(5, 1)];
    const summary = new ExtractiveSummarizer(scorer).summarize("Why is Russia short of soldiers, and what does it pay recruits?", hits);
    expectCitedVerbatim(summary);
    expect(summary.citations).toHaveLength(1);
    expect(markedSentences(summary.answer).length).toBeGreaterThan(1);
    expect(new Set(markedSentences(summary.answer).map((s) => s.n))).toEqual(new Set([1]));
  });

  it("GIVEN the first-ranked hit does not hold the best sentence THEN [1] still marks the paragraph the answer uses first", () => {
    const summary = new ExtractiveSummarizer(scorer).summarize("What did Choe Son Hui call Russia's offensive?", [hit(7, 1), hit(4, 0.95)]);
    expectCitedVerbatim(summary);
    expect(summary.citations[0]).toMatchObject({ n: 1, paragraph: 4 });
    expect(summary.answer.startsWith("North Korean Foreign Minister Choe Son Hui")).toBe(true);
  });

  it("GIVEN a paragraph split into two passages THEN each passage used gets its own citation, with the paragraph's number and a verbatim quote", () => {
    const paragraph = PARAGRAPHS[4]!;
    const sentences = splitSentences(paragraph);
    const half = Math.ceil(sentences.length / 2);
    const first = sentences.slice(0, half).join(" ");
    const second = sentences.slice(half).join(" ");
    expect(`${first} ${second}`).toBe(paragraph);
    const hits = [hit(5, 1, second, 1), hit(5, 0, first, 0)];
    const summary = new ExtractiveSummarizer(scorer).summarize("Why is Russia short of soldiers, and what does it pay recruits?", hits);

    expect(summary.abstained).toBe(false);
    expect(summary.citations.length).toBeGreaterThanOrEqual(1);
    for (const citation of summary.citations) {
      expect(citation.paragraph).toBe(5);
      expect(paragraph).toContain(citation.quote);
    }
    const used = markedSentences(summary.answer);
    for (const sentence of used) expect(summary.citations.find((c) => c.n === sentence.n)?.quote).toContain(sentence.text);
  });

  it("GIVEN the same question and hits twice THEN the summary is identical", async () => {
    const question = "Is South Korea considering sending military advisors to Ukraine?";
    const hits = await engine.search(question, { k: 6 });
    const summarizer = new ExtractiveSummarizer(scorer);
    expect(summarizer.summarize(question, hits)).toEqual(summarizer.summarize(question, hits));
  });
});

describe("ExtractiveSummarizer options", () => {
  it("GIVEN maxSentences 1 THEN the answer is one sentence with one citation", async () => {
    const summary = await summarize("What did Joe Biden say when asked if Ukraine should retaliate against North Korean troops?", { maxSentences: 1 });
    expectCitedVerbatim(summary);
    expect(markedSentences(summary.answer)).toHaveLength(1);
    expect(summary.citations).toHaveLength(1);
  });

  it("GIVEN a word budget THEN sentences after the lead are added only while they fit", async () => {
    const question = "How could North Korea's involvement affect military preparedness in South Korea?";
    const unlimited = markedSentences((await summarize(question)).answer);
    const lead = countWords(unlimited[0]!.text);
    const budget = lead + 5;
    const limited = markedSentences((await summarize(question, { maxWords: budget })).answer);
    expect(limited[0]?.text).toBe(unlimited[0]?.text);
    expect(limited.reduce((sum, s) => sum + countWords(s.text), 0)).toBeLessThanOrEqual(budget);
  });

  it("GIVEN passages 1 THEN sentences come only from the top hit", async () => {
    const question = "What is Poland calling on NATO to do?";
    const hits = await engine.search(question, { k: 6 });
    const summary = new ExtractiveSummarizer(scorer, { passages: 1 }).summarize(question, hits);
    expectCitedVerbatim(summary);
    expect(summary.citations.map((c) => c.paragraph)).toEqual([hits[0]!.paragraph]);
  });

  it("GIVEN a minimum coverage no passage can reach THEN it abstains and reports the coverage it saw", async () => {
    const question = "What did Choe Son Hui call Russia's offensive?";
    const answered = await summarize(question);
    expect(answered.coverage).toBeGreaterThan(0);
    const refused = await summarize(question, { minCoverage: 1.01 });
    expect(refused).toEqual({ abstained: true, answer: ABSTAIN_MESSAGE, sentences: [], citations: [], coverage: answered.coverage });
  });

  it("GIVEN a followShare above 1 THEN only the lead sentence is given", async () => {
    const summary = await summarize("Why would defections embarrass the North Korean regime?", { followShare: 1.01 });
    expect(markedSentences(summary.answer)).toHaveLength(1);
  });
});

describe("ExtractiveSummarizer abstention", () => {
  it("GIVEN no hits THEN it abstains with no citations", () => {
    const summary = new ExtractiveSummarizer(scorer).summarize("How many North Korean troops are in Kursk?", []);
    expect(summary).toEqual({ abstained: true, answer: ABSTAIN_MESSAGE, sentences: [], citations: [], coverage: 0 });
  });

  it("GIVEN a question of stopwords only THEN it abstains even with hits", () => {
    const summary = new ExtractiveSummarizer(scorer).summarize("What is it that they would say?", [hit(1, 1), hit(2, 0.9)]);
    expect(summary.abstained).toBe(true);
    expect(summary.citations).toEqual([]);
  });

  it("GIVEN a question about a name the corpus never mentions THEN it abstains and says which name", () => {
    const summary = new ExtractiveSummarizer(scorer, { unmentionedNames: () => ["Zelensky"] }).summarize(
      "What did Zelensky say about the North Korean troops?",
      [hit(1, 1), hit(2, 0.9)],
    );
    expect(summary.abstained).toBe(true);
    expect(summary.answer).toBe("The corpus does not answer this question: it never mentions “Zelensky”.");
    expect(summary.citations).toEqual([]);
  });

  it("GIVEN a question about a thing its passages never name THEN it abstains and says which thing", () => {
    const summary = new ExtractiveSummarizer(scorer).summarize("What is the population of Kursk?", [hit(1, 1), hit(9, 0.9)]);
    expect(summary.abstained).toBe(true);
    expect(summary.answer).toBe("The corpus does not answer this question: the passages closest to it say nothing of “population”.");
    expect(summary.citations).toEqual([]);
  });

  it("GIVEN a compound asked for THEN only a sentence with all of its words names it: 'half of the shells' is no half-life", () => {
    const summarizer = new ExtractiveSummarizer(scorer);
    const halfLife = summarizer.summarize("What is the half-life of carbon-14?", [hit(3, 1)]);
    expect(halfLife.answer).toBe("The corpus does not answer this question: the passages closest to it say nothing of “half-life”.");
    const named = { ...hit(1, 1, "Carbon-14 has a half-life of about 5,730 years."), passageId: "fixture#1.0" };
    expect(summarizer.summarize("What is the half-life of carbon-14?", [named]).abstained).toBe(false);
  });

  it("GIVEN a generic noun made a compound by the word before it THEN the passages must name both words in one sentence", () => {
    const isCompound = (words: readonly string[]): boolean => words.join(" ") === "boiling point";
    const summarizer = new ExtractiveSummarizer(scorer, { isCompound });
    const water = (text: string, i: number): SearchHit => ({ ...hit(i + 1, 1 - 0.1 * i, text), passageId: `fixture#${i + 1}.0` });
    const passing = ["Clean water reached every village this year.", "The water talks reached a point where both sides could agree."].map(water);
    const boiling = summarizer.summarize("What is the boiling point of water?", passing);
    expect(boiling.answer).toBe("The corpus does not answer this question: the passages closest to it say nothing of “boiling point”.");
    const named = [water("At sea level, water reaches its boiling point at 100 degrees Celsius.", 0)];
    expect(summarizer.summarize("What is the boiling point of water?", named).abstained).toBe(false);
    // Without the dictionary, "point" is a generic noun that names nothing to look for.
    expect(new ExtractiveSummarizer(scorer).summarize("What is the boiling point of water?", passing).abstained).toBe(false);
  });

  it("GIVEN a thing asked for that no one sentence names THEN the words of several sentences together do not name it", () => {
    const summarizer = new ExtractiveSummarizer(scorer);
    const general = summarizer.summarize("Which North Korean general commands the troops in Kursk?", [hit(1, 1), hit(2, 0.9), hit(9, 0.8)]);
    expect(general.answer).toBe("The corpus does not answer this question: the passages closest to it say nothing of “general”.");
    const named = { ...hit(1, 1, "General Kim Yong Bok commands the North Korean troops in Kursk."), passageId: "fixture#1.0" };
    expect(summarizer.summarize("Which North Korean general commands the troops in Kursk?", [named]).abstained).toBe(false);
  });

  it("GIVEN a which-question whose passage names an instance of the thing asked for THEN it answers", () => {
    // Paragraph 5 names Moscow and St. Petersburg, which WordNet files under cities; it never says "city".
    expect(PARAGRAPHS[4]).not.toMatch(/\bcit(?:y|ies)\b/i);
    const summary = new ExtractiveSummarizer(scorer).summarize("Which cities is the Kremlin afraid will erupt in unrest?", [hit(5, 1)]);
    expect(summary.abstained).toBe(false);
    expect(summary.citations.map((c) => c.paragraph)).toEqual([5]);
  });

  it("GIVEN a passage naming something of the kind asked for THEN it answers only when kinds are known", () => {
    const passage = hit(1, 1, "The keeper painted the tower blue in 1987.");
    const question = "What colour did the keeper paint the tower?";
    const kinds = new KindsOf(WordNet.open());
    expect(new ExtractiveSummarizer(scorer).summarize(question, [passage]).abstained).toBe(true);
    const summary = new ExtractiveSummarizer(scorer, { namesKind: (kind, text) => kinds.namedIn(kind, text) }).summarize(question, [passage]);
    expect(summary.abstained).toBe(false);
    expect(summary.answer).toContain("blue");
  });

  describe("GIVEN a question about what someone named said", () => {
    const names = (stems: ReadonlySet<string>): UnmentionedNames => new UnmentionedNames(vocabularyOf(stems), WordNet.open());
    const summarizer = (): ExtractiveSummarizer =>
      new ExtractiveSummarizer(scorer, { mentionsNames: (speakers, stems) => names(stems).unmentioned(speakers).length === 0 });

    it("WHEN no sentence reports them saying anything THEN it abstains and says whom", () => {
      // Paragraph 6 names Japan, paragraph 4 a foreign minister who spoke: neither reports Japan's prime minister.
      const summary = summarizer().summarize("What did Japan's prime minister say about the troops?", [hit(4, 1), hit(6, 0.9)]);
      expect(summary.abstained).toBe(true);
      expect(summary.answer).toBe("The corpus does not answer this question: the passages closest to it never report “Japan” saying anything.");
    });

    it("WHEN a better-ranked sentence reports someone else speaking THEN the sentence that reports them leads", () => {
      const question = "What did the Senate say about the bridge repairs?";
      const texts = ["Engineers said the bridge repairs would finish in May.", "The Senate warned about the cost of the bridge."];
      const hits = texts.map((text, i) => ({ ...hit(i + 1, 1 - 0.1 * i, text), passageId: `fixture#${i + 1}.0` }));
      expect(summarizer().summarize(question, hits).sentences[0]?.text).toBe(texts[1]);
      // Without a names check any reported speech offers what was asked, and the better-ranked sentence leads.
      expect(new ExtractiveSummarizer(scorer).summarize(question, hits).sentences[0]?.text).toBe(texts[0]);
    });

    it("WHEN the question says whose words it wants by their title THEN the sentence reporting someone of that title leads", () => {
      // Paragraph 1 opens "According to the U.S. government, at least 10,000 North Korean soldiers …"; paragraph 2
      // reports "President Joe Biden stated, “If they cross into Ukraine, yes.”"
      for (const question of [
        "Should Ukraine hit back at North Korean soldiers, according to the US president?",
        "What did the US president say about Ukraine hitting back at North Korean soldiers?",
      ]) {
        const summary = summarizer().summarize(question, [hit(1, 1), hit(2, 0.9)]);
        expect(summary.sentences[0]?.text).toMatch(/^When asked if Ukraine should retaliate/);
      }
    });

    it("WHEN a sentence reports them by another of their names THEN it answers from it", () => {
      // "according to Ukrainian military intelligence chief Kyrylo Budanov": Kyiv's, by its country's people.
      const summary = summarizer().summarize("What did Kyiv's spy chief say about Kim's regime?", [hit(3, 1)]);
      expect(summary.abstained).toBe(false);
      expect(summary.citations.map((c) => c.paragraph)).toEqual([3]);
    });
  });

  it("GIVEN a how-many question whose best sentences hold no figure THEN it abstains", () => {
    const summary = new ExtractiveSummarizer(scorer).summarize("How many drones has Russia flown into Polish airspace?", [hit(10, 1)]);
    expect(summary.abstained).toBe(true);
  });

  it("GIVEN a how-big question whose best sentences hold no figure THEN it answers in words", () => {
    // A size is said in words as often as by a figure: paragraph 6 tells of the tensions, with no figure.
    const summary = new ExtractiveSummarizer(scorer).summarize("How big is the danger of tensions between Moscow and Beijing?", [hit(6, 1)]);
    expect(summary.abstained).toBe(false);
    expect(summary.citations.map((c) => c.paragraph)).toEqual([6]);
  });

  it("GIVEN a how-many question whose figure counts something else happening THEN it abstains", () => {
    // Paragraph 1's 10,000 soldiers were sent to Kursk; none is said to have died there.
    const summarizer = new ExtractiveSummarizer(scorer);
    const died = summarizer.summarize("How many North Korean soldiers have died in Kursk?", [hit(1, 1)]);
    expect(died.abstained).toBe(true);
    expect(died.answer).toBe("The corpus does not answer this question: the passages closest to it give figures, but none for “died”.");
    expect(summarizer.summarize("How many North Korean soldiers have been sent to Kursk?", [hit(1, 1)]).abstained).toBe(false);
  });

  it("GIVEN a how-much question per unit whose figures are per nothing, or per another unit THEN it abstains naming the unit", () => {
    const summarizer = new ExtractiveSummarizer(scorer);
    const fixture = (text: string) => [{ ...hit(1, 1, text), passageId: "fixture#1.0" }];
    const question = "How much is the city paying the builders per bridge?";
    const total = summarizer.summarize(question, fixture("The city is paying the builders 40 million dollars for the bridges."));
    expect(total.answer).toBe("The corpus does not answer this question: the passages closest to it give no figure per “bridge”.");
    const perMonth = summarizer.summarize(question, fixture("The city is paying the builders 2 million dollars a month for the bridges."));
    expect(perMonth.abstained).toBe(true);
    expect(summarizer.summarize(question, fixture("The city is paying the builders 8 million dollars per bridge.")).abstained).toBe(false);
  });

  it("GIVEN a how-old question THEN it is answered only by a sentence that gives an age", () => {
    const summarizer = new ExtractiveSummarizer(scorer);
    const fixture = (text: string) => [{ ...hit(1, 1, text), passageId: "fixture#1.0" }];
    // Paragraph 4 names Kim Jong Un but says nothing of his age.
    expect(summarizer.summarize("How old is Kim Jong Un?", [hit(4, 1)]).answer).toBe(NO_AGE_MESSAGE);
    const aged = summarizer.summarize("How old is the mayor?", fixture("The mayor, who is 54 years old, opened the bridge."));
    expect(aged.abstained).toBe(false);
  });

  it("GIVEN a how-many question per day THEN a figure said to be daily answers it", () => {
    const summary = new ExtractiveSummarizer(scorer).summarize("How many casualties are Russian forces taking per day?", [hit(4, 1)]);
    expect(summary.abstained).toBe(false);
    expect(summary.sentences[0]?.text).toContain("daily casualties");
  });

  it("GIVEN a how-many question THEN the sentence with the figure leads", () => {
    const summary = new ExtractiveSummarizer(scorer).summarize("How many North Korean soldiers were sent to Kursk?", [hit(1, 1)]);
    expect(summary.sentences[0]?.text).toContain("10,000");
  });

  it.each([
    ["a why-question", "Why did the council close the bridge?", "The council will close the bridge to traffic in May.", "The council closed the bridge because its cables had rusted."],
    ["a question whether something happened", "Did the council close the bridge to traffic?", "The council could close the bridge to traffic in May.", "The council closed the bridge to traffic last week."],
    ["a question about what someone said", "What did the mayor say about the bridge?", "The mayor drove over the bridge in May.", "The bridge is unsafe, the mayor said."],
  ])("GIVEN %s THEN the sentence offering that kind of answer leads over a better-ranked one, by the answer-type bonus", (_, question, ranked, answering) => {
    const hits = [ranked, answering].map((text, i) => ({ ...hit(i + 1, 1 - 0.1 * i, text), passageId: `fixture#${i + 1}.0` }));
    const lead = (answerTypeBonus: number) => new ExtractiveSummarizer(scorer, { answerTypeBonus }).summarize(question, hits).sentences[0]?.text;
    expect(lead(0.5)).toBe(answering);
    expect(lead(0)).toBe(ranked);
  });

  it("GIVEN what Kyiv's spy chief said THEN the sentence quoting him leads, behind only the sentence its 'This' points back to", () => {
    const spyChief = new ExtractiveSummarizer(scorer).summarize("What did Ukraine's spy chief say about Kim's regime?", [hit(3, 1), hit(13, 0.96)]);
    expect(spyChief.sentences.slice(0, 2)).toEqual([
      { text: expect.stringContaining("half of the artillery shells") as string, n: 1 },
      { text: expect.stringContaining("according to Ukrainian military intelligence chief Kyrylo Budanov") as string, n: 1 },
    ]);
  });

  describe("a lead sentence that points back", () => {
    const passage = (text: string): SearchHit[] => [hit(5, 1, text)];
    const lead = (question: string, text: string, options: ConstructorParameters<typeof ExtractiveSummarizer>[1] = {}): string[] =>
      new ExtractiveSummarizer(scorer, options).summarize(question, passage(text)).sentences.map((s) => s.text);

    it.each([
      ["This", "Russia violated the treaty. This is why Washington withdrew from the treaty."],
      ["That is why", "Russia violated the treaty. That is why Washington withdrew from the treaty."],
      ["Consequently", "Russia violated the treaty. Consequently, Washington withdrew from the treaty."],
    ])("GIVEN a lead opening with %j THEN the sentence before it comes first", (_, text) => {
      expect(lead("Why did Washington withdraw from the treaty?", text)).toEqual([
        "Russia violated the treaty.",
        text.slice("Russia violated the treaty. ".length),
      ]);
    });

    it.each([
      ["It has been reported", "Russia violated the treaty. It has been reported that Washington withdrew from the treaty."],
      ["That the", "Russia violated the treaty. That the Americans withdrew from the treaty surprised Washington."],
    ])("GIVEN a lead opening with %j, which points at nothing THEN it is given alone", (_, text) => {
      expect(lead("Why did Washington withdraw from the treaty?", text)).toEqual([text.slice("Russia violated the treaty. ".length)]);
    });

    it("GIVEN a lead calling someone by first name THEN the earlier sentence introducing them by full name comes first", () => {
      const text =
        "We are also joined tonight by Matthew Charles from Tennessee. He served a long sentence. Now, Matthew is the very first person to be released from prison under the First Step Act.";
      expect(lead("Who was the first person released from prison under the First Step Act?", text)).toEqual([
        "We are also joined tonight by Matthew Charles from Tennessee.",
        "Now, Matthew is the very first person to be released from prison under the First Step Act.",
      ]);
    });

    it("GIVEN a lead whose capitalised word only begins a longer title earlier THEN the lead is given alone", () => {
      const text = "In June, Russian President Vladimir Putin visited Pyongyang. Half of the shells used by Russian forces are sourced from North Korea.";
      expect(lead("What share of the shells used by Russian forces are sourced from North Korea?", text)).toEqual([
        "Half of the shells used by Russian forces are sourced from North Korea.",
      ]);
    });

    it("GIVEN no room left in the word budget THEN the lead is given alone", () => {
      const text = "Russia violated the treaty many times over many years. This is why Washington withdrew from the treaty.";
      expect(lead("Why did Washington withdraw from the treaty?", text, { maxWords: 10 })).toEqual(["This is why Washington withdrew from the treaty."]);
    });
  });

  it("GIVEN an off-topic question THEN it abstains with citations: []", async () => {
    const summary = await summarize("What is the boiling point of water?");
    expect(summary.abstained).toBe(true);
    expect(summary.answer).toBe(ABSTAIN_MESSAGE);
    expect(summary.citations).toEqual([]);
  });
});

describe("ExtractiveSummarizer sentences", () => {
  it("GIVEN an answer THEN its sentences with their markers spell out the answer text exactly", async () => {
    const summary = await summarize("What did Xi Jinping caution against?");
    expect(summary.sentences.length).toBeGreaterThan(0);
    expect(summary.sentences.map((s) => `${s.text} [${s.n}]`).join(" ")).toBe(summary.answer);
    for (const s of summary.sentences) expect(summary.citations.find((c) => c.n === s.n)?.quote).toContain(s.text);
  });
});

describe("ExtractiveSummarizer with word vectors", () => {
  // Two passages that share the question's verb; only word vectors relate "coalition" to "partnership" (cos 10°).
  const question = "Did the coalition grow stronger?";
  const hits = [
    { ...hit(1, 1, "The harvest grew stronger in the north."), passageId: "fixture#1.0" },
    { ...hit(2, 0.95, "The partnership grew stronger in the south."), passageId: "fixture#2.0" },
  ];
  // As rare as GloVe's 20,000th word, so "coalition" weighs about as much as the words the vectors lack.
  const vectors = planeVectors({ coalition: 0, partnership: 10, harvest: 80 }, 20_000);

  it("GIVEN a sentence that says the question's word in other words THEN it leads over a better-ranked passage", () => {
    const idf = referenceIdf();
    const withVectors = new RelevanceScorer(new FeatureExtractor(WordNet.open(), idf), idf, undefined, new SoftMatcher(vectors));
    const lead = new ExtractiveSummarizer(withVectors, { minCoverage: 0 }).summarize(question, hits).sentences[0];
    expect(lead?.text).toBe("The partnership grew stronger in the south.");
  });

  it("GIVEN the same passages without word vectors THEN the better-ranked passage leads", () => {
    const lead = new ExtractiveSummarizer(scorer, { minCoverage: 0 }).summarize(question, hits).sentences[0];
    expect(lead?.text).toBe("The harvest grew stronger in the north.");
  });
});
