import { describe, expect, it } from "vitest";
import { draftSentences, verifySummary } from "../../../src/answer/llm/verify.js";
import type { SearchHit } from "../../../src/retrieval/hybrid-search.js";

function passage(n: number, text: string, score = 0.5): SearchHit {
  return { passageId: `doc-${n}#1`, docId: `doc-${n}`, title: `Doc ${n}`, paragraph: n, chunk: 0, text, score };
}

const PASSAGES = [
  passage(1, "Mount Arvel erupted in 1783. Ash buried the village of Selmouth.", 0.9),
  passage(2, "Geologists monitor Mount Arvel with seismometers. They publish a weekly bulletin."),
  passage(3, "The orchard grows forty varieties of apples."),
];

describe("draftSentences", () => {
  it("GIVEN a reasoning model's thoughts before its answer WHEN drafted THEN only the answer is kept", () => {
    const drafts = draftSentences("<think>\nPassage [1] mentions 1783. Passage [2] is about geologists.\n</think>\nMount Arvel erupted in 1783 [1].");

    expect(drafts).toEqual([{ text: "Mount Arvel erupted in 1783.", markers: [1] }]);
  });

  it("GIVEN markers after the full stop, in lists and as ranges WHEN drafted THEN each sentence keeps its own markers", () => {
    const drafts = draftSentences("- Mount Arvel erupted in 1783. [1]\n- Geologists watch it [2, 3]. Ash fell [1-2].\n\nSources:\n[1] Doc 1");

    expect(drafts).toEqual([
      { text: "Mount Arvel erupted in 1783.", markers: [1] },
      { text: "Geologists watch it.", markers: [2, 3] },
      { text: "Ash fell.", markers: [1, 2] },
    ]);
  });
});

describe("verifySummary", () => {
  it("GIVEN citations by first use out of order WHEN verified THEN markers are renumbered and quotes are the best matching passage sentences", () => {
    const verified = verifySummary("Seismometers watch Mount Arvel [2]. Mount Arvel's 1783 eruption buried Selmouth in ash [1][2].", PASSAGES);

    expect(verified.answer).toBe("Seismometers watch Mount Arvel. [1] Mount Arvel's 1783 eruption buried Selmouth in ash. [2][1]");
    expect(verified.sentences).toEqual([
      { text: "Seismometers watch Mount Arvel.", n: 1 },
      { text: "Mount Arvel's 1783 eruption buried Selmouth in ash.", n: 2 },
    ]);
    expect(verified.citations).toEqual([
      { n: 1, docId: "doc-2", title: "Doc 2", paragraph: 2, quote: "Geologists monitor Mount Arvel with seismometers.", score: 0.5 },
      { n: 2, docId: "doc-1", title: "Doc 1", paragraph: 1, quote: "Mount Arvel erupted in 1783.", score: 0.9 },
    ]);
  });

  it("GIVEN a citation to a passage that shares no word with the sentence WHEN verified THEN that citation is removed", () => {
    const verified = verifySummary("Mount Arvel erupted in 1783 [1][3].", PASSAGES);

    expect(verified.answer).toBe("Mount Arvel erupted in 1783. [1]");
    expect(verified.removedCitations).toBe(1);
  });

  it("GIVEN citations outside the passages given, or none, WHEN verified THEN those sentences are dropped", () => {
    const verified = verifySummary("Mount Arvel erupted in 1783 [4]. Mount Arvel is dormant. NO ANSWER [0]", PASSAGES);

    expect(verified.sentences).toEqual([]);
    expect(verified.citations).toEqual([]);
    expect(verified.written).toBe(3);
  });
});

describe("verifySummary sentence budget", () => {
  it("GIVEN more well-cited sentences than the budget WHEN verified THEN the first ones are kept and only they count as written", () => {
    const reply = Array.from({ length: 9 }, (_, i) => `Mount Arvel erupted in 1783, report ${i + 1} says [1].`).join(" ");

    const verified = verifySummary(reply, PASSAGES, 6);

    expect(verified.sentences).toHaveLength(6);
    expect(verified.written).toBe(6);
    expect(verified.sentences[5]!.text).toBe("Mount Arvel erupted in 1783, report 6 says.");
  });
});
