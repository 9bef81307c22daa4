import { Document } from "@langchain/core/documents";
import { Embeddings } from "@langchain/core/embeddings";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeWithHeader } from "../../../src/retrieval/store/binary-file.js";
import { DOCSTORE_FILE, HnswStore, INDEX_FILE } from "../../../src/retrieval/store/hnsw-store.js";

/** Embeds by table look-up, so every test knows its vectors exactly. */
class TableEmbeddings extends Embeddings {
  constructor(private readonly table: Readonly<Record<string, number[]>>) {
    super({});
  }
  private vector(text: string): number[] {
    const v = this.table[text];
    if (!v) throw new Error(`no vector for ${text}`);
    return v;
  }
  override embedDocuments(texts: string[]): Promise<number[][]> {
    return Promise.resolve(texts.map((t) => this.vector(t)));
  }
  override embedQuery(text: string): Promise<number[]> {
    return Promise.resolve(this.vector(text));
  }
}

const TABLE = {
  east: [1, 0, 0],
  north: [0, 1, 0],
  up: [0, 0, 1],
  "north-east": [Math.SQRT1_2, Math.SQRT1_2, 0],
};
const embeddings = new TableEmbeddings(TABLE);

function doc(text: string, metadata: Record<string, unknown> = {}): Document {
  return new Document({ pageContent: text, metadata: { name: text, ...metadata } });
}

async function storeOf(...names: (keyof typeof TABLE)[]): Promise<HnswStore> {
  const store = HnswStore.create(embeddings, { dimensions: 3 });
  await store.addDocuments(names.map((n) => doc(n)));
  return store;
}

const names = (hits: [Document, number][]): string[] => hits.map(([d]) => d.pageContent);

/** A seeded generator, so the random vectors (and thus the expected recall) are the same on every run. */
function randomUnitVectors(count: number, dimensions: number, seed: number): number[][] {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 1) / 4294967297;
  };
  return Array.from({ length: count }, () => {
    const v = Array.from({ length: dimensions }, () => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next()));
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

function exactTop(vectors: readonly number[][], query: readonly number[], k: number): number[] {
  return vectors
    .map((v, i) => ({ i, dot: v.reduce((sum, x, j) => sum + x * query[j]!, 0) }))
    .sort((a, b) => b.dot - a.dot)
    .slice(0, k)
    .map((e) => e.i);
}

async function recallAt10(store: HnswStore, vectors: readonly number[][], queries: readonly number[][]): Promise<number> {
  let found = 0;
  for (const query of queries) {
    const exact = new Set(exactTop(vectors, query, 10));
    const hits = await store.similaritySearchVectorWithScore(query, 10);
    found += hits.filter(([d]) => exact.has(d.metadata.i as number)).length;
  }
  return found / (10 * queries.length);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-hnsw-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("HnswStore add and search", () => {
  it("GIVEN stored vectors WHEN searching with one of them THEN it comes first with a cosine score of about 1", async () => {
    const store = await storeOf("east", "north", "up", "north-east");
    const hits = await store.similaritySearchVectorWithScore(TABLE.east, 4);
    expect(names(hits).slice(0, 2)).toEqual(["east", "north-east"]);
    expect(new Set(names(hits).slice(2))).toEqual(new Set(["north", "up"]));
    expect(hits[0]?.[1]).toBeCloseTo(1, 5);
    expect(hits[1]?.[1]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(hits[2]?.[1]).toBeCloseTo(0, 5);
    expect(hits[3]?.[1]).toBeCloseTo(0, 5);
  });

  it("GIVEN a query between vectors WHEN searching THEN hits are ordered by cosine similarity, not by insertion", async () => {
    const store = await storeOf("up", "east", "north", "north-east");
    const hits = await store.similaritySearchVectorWithScore([0.6, 0.8, 0], 3);
    expect(names(hits)).toEqual(["north-east", "north", "east"]);
    const scores = hits.map(([, s]) => s);
    expect(scores[0]).toBeCloseTo((0.6 + 0.8) * Math.SQRT1_2, 5);
    expect(scores[1]).toBeCloseTo(0.8, 5);
    expect(scores[2]).toBeCloseTo(0.6, 5);
  });

  it("GIVEN unnormalised vectors WHEN stored and searched THEN the score is still the cosine (length ignored)", async () => {
    const store = HnswStore.create(embeddings, { dimensions: 3 });
    await store.addVectors([[10, 0, 0]], [doc("long east")]);
    const [hit] = await store.similaritySearchVectorWithScore([0.001, 0, 0], 1);
    expect(hit?.[1]).toBeCloseTo(1, 5);
  });

  it("GIVEN documents added THEN the returned ids are consecutive labels and the metadata is kept as a copy", async () => {
    const store = HnswStore.create(embeddings, { dimensions: 3 });
    const original = doc("east", { passageId: "a#1" });
    const ids = await store.addDocuments([original, doc("north")]);
    expect(ids).toEqual(["0", "1"]);
    original.metadata.passageId = "changed";
    expect(store.documentOf(0)?.metadata).toEqual({ name: "east", passageId: "a#1" });
    expect(store.size).toBe(2);
    expect(store.labels()).toEqual([0, 1]);
  });

  it("GIVEN the LangChain text API WHEN similaritySearch is called THEN it embeds the query and returns the documents", async () => {
    const store = await storeOf("east", "north", "up");
    const docs = await store.similaritySearch("north", 1);
    expect(docs.map((d) => d.pageContent)).toEqual(["north"]);
  });

  it("GIVEN k larger than the store (and than hnswlib's capacity) WHEN searching THEN k is clamped instead of throwing", async () => {
    const store = await storeOf("east", "north", "up");
    const hits = await store.similaritySearchVectorWithScore(TABLE.east, 5000);
    expect(names(hits).sort()).toEqual(["east", "north", "up"]);
  });

  it("GIVEN an empty store or k of 0 WHEN searching THEN there are no hits", async () => {
    const empty = HnswStore.create(embeddings, { dimensions: 3 });
    expect(await empty.similaritySearchVectorWithScore(TABLE.east, 5)).toEqual([]);
    const store = await storeOf("east");
    expect(await store.similaritySearchVectorWithScore(TABLE.east, 0)).toEqual([]);
  });

  it("GIVEN more vectors than the initial capacity WHEN added THEN the index grows and every vector is findable", async () => {
    const vectors = randomUnitVectors(1100, 8, 7);
    const store = HnswStore.create(embeddings, { dimensions: 8 });
    await store.addVectors(vectors.slice(0, 600), vectors.slice(0, 600).map((_, i) => doc(`v${i}`)));
    await store.addVectors(vectors.slice(600), vectors.slice(600).map((_, i) => doc(`v${i + 600}`)));
    expect(store.size).toBe(1100);
    for (const i of [0, 599, 600, 1099]) {
      const [hit] = await store.similaritySearchVectorWithScore(vectors[i]!, 1);
      expect(hit?.[0].pageContent).toBe(`v${i}`);
    }
  });

  it("GIVEN room reserved for more than the initial capacity WHEN the vectors are added one by one THEN every one is findable", async () => {
    const vectors = randomUnitVectors(1300, 8, 11);
    const store = HnswStore.create(embeddings, { dimensions: 8 });
    store.reserve(vectors.length);
    for (const [i, vector] of vectors.entries()) await store.addVectors([vector], [doc(`v${i}`)]);
    expect(store.size).toBe(1300);
    for (const i of [0, 1023, 1024, 1299]) {
      const [hit] = await store.similaritySearchVectorWithScore(vectors[i]!, 1);
      expect(hit?.[0].pageContent).toBe(`v${i}`);
    }
  });
});

describe("HnswStore delete", () => {
  it("GIVEN a deleted document WHEN searching with its own vector THEN it is no longer returned", async () => {
    const store = await storeOf("east", "north", "north-east");
    await store.delete({ ids: ["0"] });
    const hits = await store.similaritySearchVectorWithScore(TABLE.east, 10);
    expect(names(hits)).not.toContain("east");
    expect(names(hits)[0]).toBe("north-east");
    expect(store.size).toBe(2);
    expect(store.deletedCount).toBe(1);
    expect(store.documentOf(0)).toBeUndefined();
  });

  it("GIVEN unknown or already deleted ids WHEN deleting THEN nothing else changes", async () => {
    const store = await storeOf("east", "north");
    await store.delete({ ids: ["0"] });
    await store.delete({ ids: ["0", "99", "not-a-number"] });
    await store.delete();
    expect(store.size).toBe(1);
    expect(store.deletedCount).toBe(1);
    expect(names(await store.similaritySearchVectorWithScore(TABLE.east, 5))).toEqual(["north"]);
  });
});

describe("HnswStore filters", () => {
  it("GIVEN a filter WHEN searching THEN only documents it accepts are returned", async () => {
    const store = await storeOf("east", "north", "north-east", "up");
    const hits = await store.similaritySearchVectorWithScore(TABLE.east, 4, (d) => d.pageContent !== "east");
    expect(names(hits)[0]).toBe("north-east");
    expect(new Set(names(hits))).toEqual(new Set(["north-east", "north", "up"]));
  });

  it("GIVEN a filter that throws for some documents WHEN searching THEN the process survives and those are excluded", async () => {
    const store = await storeOf("east", "north", "north-east");
    const hits = await store.similaritySearchVectorWithScore(TABLE.east, 3, (d) => {
      if (d.pageContent === "east") throw new Error("boom");
      return true;
    });
    expect(names(hits)).toEqual(["north-east", "north"]);
  });

  it("GIVEN a filter that always throws WHEN searching THEN the result is empty, not an error", async () => {
    const store = await storeOf("east", "north");
    const hits = await store.similaritySearchVectorWithScore(TABLE.east, 2, () => {
      throw new TypeError("broken filter");
    });
    expect(hits).toEqual([]);
  });
});

describe("HnswStore save and load", () => {
  it("GIVEN a saved store WHEN loaded THEN the same queries give the same documents and scores", async () => {
    const store = await storeOf("east", "north", "up", "north-east");
    await store.delete({ ids: ["2"] });
    await store.save(dir);
    const loaded = await HnswStore.load(dir, embeddings);
    for (const query of [TABLE.east, TABLE.north, TABLE.up, [0.2, 0.3, 0.9]]) {
      const before = await store.similaritySearchVectorWithScore(query, 4);
      const after = await loaded.similaritySearchVectorWithScore(query, 4);
      expect(after.map(([d, s]) => [d.pageContent, d.metadata, s])).toEqual(before.map(([d, s]) => [d.pageContent, d.metadata, s]));
    }
    expect(loaded.size).toBe(3);
    expect(loaded.deletedCount).toBe(1);
    expect(loaded.labels().sort()).toEqual([0, 1, 3]);
    expect(loaded.vectorOf(3).map((x) => Number(x.toFixed(5)))).toEqual(store.vectorOf(3).map((x) => Number(x.toFixed(5))));
  });

  it("GIVEN a loaded store WHEN more documents are added THEN they get fresh labels that do not reuse deleted ones", async () => {
    const store = await storeOf("east", "north", "up");
    await store.delete({ ids: ["2"] });
    await store.save(dir);
    const loaded = await HnswStore.load(dir, embeddings);
    expect(await loaded.addDocuments([doc("north-east")])).toEqual(["3"]);
    expect(names(await loaded.similaritySearchVectorWithScore(TABLE["north-east"], 1))).toEqual(["north-east"]);
    expect(loaded.documentOf(0)?.pageContent).toBe("east");
  });

  it("GIVEN 500 random unit vectors saved and loaded WHEN searched THEN recall@10 against exact search is at least 0.95", async () => {
    const dimensions = 64;
    const vectors = randomUnitVectors(500, dimensions, 42);
    const queries = randomUnitVectors(50, dimensions, 4242);
    const store = HnswStore.create(embeddings, { dimensions });
    await store.addVectors(vectors, vectors.map((_, i) => doc(`v${i}`, { i })));
    await store.save(dir);

    const loaded = await HnswStore.load(dir, embeddings);
    const recall = await recallAt10(loaded, vectors, queries);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeCloseTo(await recallAt10(store, vectors, queries), 10);
    // The same graph searched with hnswlib's default ef of 10 misses many neighbours: the setting is what matters.
    const lowEf = await HnswStore.load(dir, embeddings, { efSearch: 10 });
    expect(await recallAt10(lowEf, vectors, queries)).toBeLessThan(recall);
  });

  it("GIVEN texts with accents, emoji and empty strings WHEN saved and loaded THEN every text and its metadata come back exactly", async () => {
    const store = HnswStore.create(embeddings, { dimensions: 3 });
    const texts = ["Kyiv — Київ, naïve café", "", "rockets 🚀🚀 and a lone \u00e9", "plain"];
    await store.addVectors(
      texts.map((_, i) => [1, i, 0]),
      texts.map((text, i) => new Document({ pageContent: text, metadata: { i, tags: ["a", "é"], nested: { ok: true } } })),
    );
    await store.delete({ ids: ["1"] });
    await store.save(dir);

    const loaded = await HnswStore.load(dir, embeddings);
    expect(loaded.labels().sort()).toEqual([0, 2, 3]);
    for (const label of [0, 2, 3]) {
      expect(loaded.documentOf(label)?.pageContent).toBe(texts[label]);
      expect(loaded.documentOf(label)?.metadata).toEqual({ i: label, tags: ["a", "é"], nested: { ok: true } });
    }
  });

  it("GIVEN a loaded store WHEN saved again before any text is read THEN the docstore is byte for byte the same and every text still reads back", async () => {
    const store = HnswStore.create(embeddings, { dimensions: 3 });
    const texts = ["Kyiv — Київ", "“quoted”, naïve", "plain ascii", "🚀"];
    await store.addVectors(
      texts.map((_, i) => [1, i, 0]),
      texts.map((text, i) => new Document({ pageContent: text, metadata: { i } })),
    );
    await store.save(dir);
    const again = path.join(dir, "again");
    await (await HnswStore.load(dir, embeddings)).save(again);
    expect((await readFile(path.join(again, DOCSTORE_FILE))).equals(await readFile(path.join(dir, DOCSTORE_FILE)))).toBe(true);
    const reloaded = await HnswStore.load(again, embeddings);
    expect(texts.map((_, label) => reloaded.documentOf(label)?.pageContent)).toEqual(texts);
  });

  it("GIVEN a docstore written before texts were located by byte (UTF-16 offsets) WHEN loaded THEN every text comes back exactly", async () => {
    const texts = ["Kyiv — Київ", "", "rockets 🚀 and é", "plain"];
    const store = HnswStore.create(embeddings, { dimensions: 3 });
    await store.addVectors(
      texts.map((_, i) => [1, i, 0]),
      texts.map((text, i) => new Document({ pageContent: text, metadata: { i } })),
    );
    await store.save(dir);
    const offsets = new Uint32Array(texts.length + 1);
    texts.forEach((text, i) => (offsets[i + 1] = offsets[i]! + text.length));
    const legacy = encodeWithHeader({ dimensions: 3, labels: [0, 1, 2, 3], metadata: texts.map((_, i) => ({ i })) }, [offsets, Buffer.from(texts.join(""), "utf8")]);
    await writeFile(path.join(dir, DOCSTORE_FILE), legacy);

    const loaded = await HnswStore.load(dir, embeddings);
    expect(texts.map((_, label) => loaded.documentOf(label)?.pageContent)).toEqual(texts);
    expect(loaded.documentOf(2)?.metadata).toEqual({ i: 2 });
  });

  it("GIVEN the files it writes WHEN saved THEN the index and docstore exist and no temporary file is left", async () => {
    const store = await storeOf("east");
    await store.save(dir);
    expect((await readdir(dir)).sort()).toEqual([DOCSTORE_FILE, INDEX_FILE].sort());
  });

  it("GIVEN a directory without an index WHEN loaded THEN it rejects, so the caller can rebuild", async () => {
    await expect(HnswStore.load(dir, embeddings)).rejects.toThrow();
    await writeFile(path.join(dir, DOCSTORE_FILE), "{ not a docstore");
    await expect(HnswStore.load(dir, embeddings)).rejects.toThrow();
  });
});

describe("HnswStore twins (identical vectors)", () => {
  it("GIVEN the same vector added three times THEN the graph holds it once and a search finds all three documents", async () => {
    const store = await storeOf("east", "north");
    await store.addVectors([TABLE.east, [2, 0, 0]], [doc("east copy"), doc("east, longer")]);
    expect(store.size).toBe(4);
    expect(store.graphPoints).toBe(2);
    expect(store.deletedCount).toBe(0);
    const hits = await store.similaritySearchVectorWithScore(TABLE.east, 4);
    expect(names(hits).slice(0, 3).sort()).toEqual(["east", "east copy", "east, longer"]);
    expect(hits.slice(0, 3).every(([, score]) => score > 0.999)).toBe(true);
    expect(names(hits)[3]).toBe("north");
    expect(store.vectorOf(3).map((x) => Number(x.toFixed(5)))).toEqual([1, 0, 0]);
  });

  it("GIVEN twins WHEN k is smaller than the twins THEN exactly k hits come back", async () => {
    const store = await storeOf("east", "east", "east", "north");
    expect(await store.similaritySearchVectorWithScore(TABLE.east, 2)).toHaveLength(2);
    expect(names(await store.similaritySearchVectorWithScore(TABLE.east, 10)).sort()).toEqual(["east", "east", "east", "north"]);
  });

  it("GIVEN the first of two twins deleted THEN the other is still found, and deleting it too empties the point", async () => {
    const store = HnswStore.create(embeddings, { dimensions: 3 });
    await store.addVectors([TABLE.east, TABLE.east, TABLE.north], [doc("first"), doc("second"), doc("north")]);
    await store.delete({ ids: ["0"] });
    expect(names(await store.similaritySearchVectorWithScore(TABLE.east, 3))).toEqual(["second", "north"]);
    expect(store.deletedCount).toBe(0);
    await store.delete({ ids: ["1"] });
    expect(names(await store.similaritySearchVectorWithScore(TABLE.east, 3))).toEqual(["north"]);
    expect(store.size).toBe(1);
    expect(store.deletedCount).toBe(1);
  });

  it("GIVEN twins and a filter THEN a point is searched when any of its documents passes, and only those come back", async () => {
    const store = HnswStore.create(embeddings, { dimensions: 3 });
    await store.addVectors([TABLE.east, TABLE.east, TABLE.north], [doc("east A"), doc("east B"), doc("north")]);
    expect(names(await store.similaritySearchVectorWithScore(TABLE.east, 3, (d) => d.pageContent !== "east A"))).toEqual(["east B", "north"]);
    expect(names(await store.similaritySearchVectorWithScore(TABLE.east, 3, (d) => d.pageContent === "north"))).toEqual(["north"]);
  });

  it("GIVEN twins saved and loaded THEN they are still twins, and a vector added after the load joins its point", async () => {
    const store = HnswStore.create(embeddings, { dimensions: 3 });
    await store.addVectors([TABLE.east, TABLE.east, TABLE.north], [doc("a"), doc("b"), doc("north")]);
    await store.delete({ ids: ["0"] });
    await store.save(dir);
    const loaded = await HnswStore.load(dir, embeddings);
    expect(loaded.deletedCount).toBe(0);
    expect(await loaded.addVectors([TABLE.east], [doc("c")])).toEqual(["3"]);
    expect(loaded.graphPoints).toBe(2);
    expect(loaded.deletedCount).toBe(0);
    expect(names(await loaded.similaritySearchVectorWithScore(TABLE.east, 3)).sort()).toEqual(["b", "c", "north"]);
  });

  it("GIVEN random vectors saved and loaded WHEN the same vectors are added again THEN every one joins its point", async () => {
    const vectors = randomUnitVectors(200, 64, 11);
    const store = HnswStore.create(embeddings, { dimensions: 64 });
    await store.addVectors(vectors, vectors.map((_, i) => doc(`v${i}`, { i })));
    await store.save(dir);
    const loaded = await HnswStore.load(dir, embeddings);
    // Unnormalised this time: the digest must not depend on the length hnswlib normalises away.
    await loaded.addVectors(vectors.map((v) => v.map((x) => 3 * x)), vectors.map((_, i) => doc(`again ${i}`, { i })));
    expect(loaded.size).toBe(400);
    expect(loaded.graphPoints).toBe(200);
    const hits = await loaded.similaritySearchVectorWithScore(vectors[5]!, 2);
    expect(names(hits).sort()).toEqual(["again 5", "v5"]);
  });

  it("GIVEN 16 identical copies of each of 1,000 vectors THEN recall@10 stays what one copy gets", async () => {
    // hnswlib alone fills each point's neighbour lists with its copies: the graph breaks into islands (recall 0.63 here).
    const dimensions = 64;
    const vectors = randomUnitVectors(1000, dimensions, 7);
    const queries = randomUnitVectors(50, dimensions, 77);
    const store = HnswStore.create(embeddings, { dimensions, efSearch: 100 });
    for (let copy = 0; copy < 16; copy++) await store.addVectors(vectors, vectors.map((_, i) => doc(`v${i}`, { i })));
    let found = 0;
    for (const query of queries) {
      const nearest = exactTop(vectors, query, 1)[0];
      const hits = await store.similaritySearchVectorWithScore(query, 10);
      // The 16 copies of the nearest vector tie: all ten hits must be copies of it.
      found += hits.filter(([d]) => d.metadata.i === nearest).length;
    }
    expect(found / (10 * queries.length)).toBeGreaterThanOrEqual(0.98);
    expect(store.size).toBe(16_000);
    expect(store.graphPoints).toBe(1000);
  });
});

describe("HnswStore dimension checks", () => {
  it("GIVEN a vector of the wrong dimension WHEN added THEN it is rejected", async () => {
    const store = HnswStore.create(embeddings, { dimensions: 3 });
    await expect(async () => store.addVectors([[1, 0]], [doc("short")])).rejects.toThrow(/2 dimensions.*3/);
    expect(store.size).toBe(0);
  });

  it("GIVEN a different number of vectors and documents WHEN added THEN it is rejected and nothing is stored", async () => {
    const store = HnswStore.create(embeddings, { dimensions: 3 });
    await expect(store.addVectors([TABLE.east], [doc("a"), doc("b")])).rejects.toThrow(/1 vectors for 2 documents/);
    expect(store.size).toBe(0);
  });

  it("GIVEN a query of the wrong dimension WHEN searching THEN it is rejected", async () => {
    const store = await storeOf("east");
    await expect(async () => store.similaritySearchVectorWithScore([1, 0], 1)).rejects.toThrow(/2 dimensions, index has 3/);
  });

  it("GIVEN a saved 3-dimensional store WHEN loaded THEN it keeps 3 dimensions and still rejects other sizes", async () => {
    const store = await storeOf("east");
    await store.save(dir);
    const loaded = await HnswStore.load(dir, embeddings, { dimensions: 5 });
    await expect(async () => loaded.addVectors([[1, 0, 0, 0, 0]], [doc("five")])).rejects.toThrow(/5 dimensions.*3/);
    expect(await loaded.addVectors([TABLE.north], [doc("north")])).toEqual(["1"]);
  });
});
