import { describe, expect, it } from "vitest";
import { FeatureExtractor } from "../../src/retrieval/embeddings/features.js";
import { referenceIdf } from "../../src/retrieval/embeddings/idf.js";
import { WordNet } from "../../src/retrieval/embeddings/wordnet.js";
import type { PassageRecord } from "../../src/retrieval/hybrid-search.js";
import { passageReranker } from "../../src/retrieval/rerank.js";
import { SoftMatcher } from "../../src/retrieval/semantic/soft-match.js";
import { PassageSignatures } from "../../src/retrieval/signatures.js";
import { planeVectors } from "../support/word-vectors.js";

const extractor = new FeatureExtractor(WordNet.open(), referenceIdf());
const passage = (n: number, text: string): PassageRecord => ({ passageId: `doc#${n}.0`, docId: "doc", title: "Doc", paragraph: n, chunk: 0, text });
const harvest = passage(1, "The harvest grew stronger in the north.");
const partnership = passage(2, "The partnership grew stronger in the south.");
const signatures = new PassageSignatures();
for (const p of [harvest, partnership]) signatures.set(p.passageId, extractor.extract(p.text));
const soft = new SoftMatcher(planeVectors({ coalition: 0, partnership: 10, harvest: 80 }, 20_000));
const question = "Did the coalition grow stronger?";
const asIs = (features: ReadonlyMap<string, number>): Map<string, number> => new Map(features);

describe("passageReranker", () => {
  it("GIVEN no word vectors THEN two passages that share the same question words score alike", () => {
    const [a, b] = passageReranker({ extractor, signatures, questionWeighting: asIs })(question, [harvest, partnership]);
    expect(a).toBeCloseTo(b!, 1);
  });

  it("GIVEN word vectors THEN the passage that says the question's word in other words scores higher", () => {
    const [a, b] = passageReranker({ extractor, signatures, questionWeighting: asIs, soft })(question, [harvest, partnership]);
    expect(b).toBeGreaterThan(a! + 0.1);
  });

  it("GIVEN candidates past those matched by vectors THEN they still count the question words they use themselves", () => {
    const mild = passage(3, "The weather was mild in the north.");
    const own = passage(4, "The coalition grew stronger after the vote.");
    for (const p of [mild, own]) signatures.set(p.passageId, extractor.extract(p.text));
    const [first, second] = passageReranker({ extractor, signatures, questionWeighting: asIs, soft, meaningCandidates: 1 })(question, [mild, own]);
    expect(second).toBeGreaterThan(first! + 0.5);
  });

  it("GIVEN candidates past those matched by vectors THEN a synonym there does not count", () => {
    const rerank = passageReranker({ extractor, signatures, questionWeighting: asIs, soft, meaningCandidates: 1 });
    const [a, b] = rerank(question, [harvest, partnership]);
    expect(b).toBeCloseTo(a!, 1);
  });
});
