import { describe, expect, it } from "vitest";
import { localEmbeddings } from "../../../src/answer/open.js";
import { LocalEmbeddings } from "../../../src/retrieval/embeddings/local-embeddings.js";
import type { Lexicon, WordRelations } from "../../../src/retrieval/embeddings/lexicon.js";

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
};
const norm = (v: ArrayLike<number>): number => Math.sqrt(dot(v, v));

/** A thesaurus of one entry, to show that relations (not spelling) bring two words together. */
class TinyLexicon implements Lexicon {
  lookup(word: string): WordRelations | undefined {
    return word === "ammunition"
      ? { lemma: "ammunition", synonyms: ["munition"], hypernyms: ["weaponry"], holonyms: [], derived: [], glossTerms: ["shell"] }
      : undefined;
  }
  lookupPhrase(): WordRelations | undefined {
    return undefined;
  }
}

const embeddings = localEmbeddings();

describe("LocalEmbeddings", () => {
  it("GIVEN the default embedder THEN it has 1024 dimensions and an id that names its version and size", async () => {
    expect(embeddings.dimensions).toBe(1024);
    expect(embeddings.id).toBe(`${LocalEmbeddings.version}-1024`);
    expect(await embeddings.embedQuery("North Korean troops")).toHaveLength(1024);
  });

  it("GIVEN another size WHEN constructed THEN vectors and id follow it, so the manifest can tell them apart", async () => {
    const small = new LocalEmbeddings({ lexicon: new TinyLexicon(), dimensions: 256 });
    expect(small.id).toBe(`${LocalEmbeddings.version}-256`);
    expect(small.id).not.toBe(embeddings.id);
    expect(await small.embedQuery("North Korean troops")).toHaveLength(256);
  });

  it("GIVEN the same text twice, or to two instances THEN the vectors are identical", async () => {
    const text = "At least 10,000 North Korean soldiers have been sent to Russia's Kursk region.";
    const first = await embeddings.embedQuery(text);
    expect(await embeddings.embedQuery(text)).toEqual(first);
    expect(await localEmbeddings().embedQuery(text)).toEqual(first);
  });

  it("GIVEN any non-empty text THEN the vector has unit length and only finite values", async () => {
    for (const text of ["Kursk", "artillery shells", "The financial burden of compensating families of fallen soldiers.", "10,000"]) {
      const vector = await embeddings.embedQuery(text);
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
  });

  it("GIVEN empty, blank or stopword-only text THEN the vector is all zeros, without NaN", async () => {
    for (const text of ["", "   \n\t", "what is it that they would have", "!!! ..."]) {
      const vector = await embeddings.embedQuery(text);
      expect(vector).toHaveLength(1024);
      expect(vector.every((x) => x === 0)).toBe(true);
    }
  });

  it("GIVEN a paraphrase pair and an unrelated pair THEN the paraphrase is closer", async () => {
    const [shells, ammunition, recipe] = await embeddings.embedDocuments(["artillery shells", "ammunition", "cooking recipe"]);
    expect(dot(shells!, ammunition!)).toBeGreaterThan(dot(shells!, recipe!) + 0.05);
    const [troops, soldiers, weather] = await embeddings.embedDocuments([
      "North Korean troops were sent to Russia",
      "Pyongyang dispatched soldiers to Moscow",
      "It will rain tomorrow afternoon",
    ]);
    expect(dot(troops!, soldiers!)).toBeGreaterThan(dot(troops!, weather!) + 0.05);
  });

  it("GIVEN differently inflected and capitalised forms THEN they embed the same", async () => {
    expect(await embeddings.embedQuery("SOLDIERS Korea’s")).toEqual(await embeddings.embedQuery("soldier korea"));
  });

  it("GIVEN a lexicon relation WHEN two texts share no word THEN they still meet through it", () => {
    const withRelations = new LocalEmbeddings({ lexicon: new TinyLexicon() });
    const withoutRelations = new LocalEmbeddings({ lexicon: { lookup: () => undefined, lookupPhrase: () => undefined } });
    const related = dot(withRelations.embedText("ammunition"), withRelations.embedText("shell"));
    expect(related).toBeGreaterThan(0.05);
    expect(Math.abs(dot(withoutRelations.embedText("ammunition"), withoutRelations.embedText("shell")))).toBeLessThan(1e-6);
  });

  it("GIVEN several documents WHEN embedded together THEN each matches embedQuery of the same text", async () => {
    const texts = ["Kim Jong Un", "", "the BRICS summit in Kazan", "Kim Jong Un"];
    const documents = await embeddings.embedDocuments(texts);
    expect(documents).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) expect(documents[i]).toEqual(await embeddings.embedQuery(text));
  });

  it("GIVEN embedText THEN it is the Float32 form of embedQuery", async () => {
    const text = "ballistic missiles from North Korea";
    expect(Array.from(embeddings.embedText(text))).toEqual(await embeddings.embedQuery(text));
  });
});

describe("modern place names", () => {
  it("GIVEN Kyiv, which WordNet 3.1 spells Kiev THEN it relates to Ukraine as Kiev does", () => {
    const embeddings = localEmbeddings();
    const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
    const ukraine = embeddings.embedText("Ukraine");
    expect(cosine(embeddings.embedText("Kyiv"), ukraine)).toBeGreaterThan(0.1);
    expect(cosine(embeddings.embedText("Kyiv"), ukraine)).toBeCloseTo(cosine(embeddings.embedText("Kiev"), ukraine), 1);
  });
});
