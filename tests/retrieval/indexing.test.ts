import { Embeddings } from "@langchain/core/embeddings";
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, truncate, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { localEmbeddings, openEngine, sharedFeatureExtractor } from "../../src/answer/open.js";
import type { IdentifiedEmbeddings } from "../../src/retrieval/embedder.js";
import { LocalEmbeddings } from "../../src/retrieval/embeddings/local-embeddings.js";
import { PASSAGES_VERSION, prefetchIndex, syncIndex, type SyncedIndex, type SyncOptions } from "../../src/retrieval/indexing.js";
import { MANIFEST_FILE, type Manifest } from "../../src/retrieval/manifest.js";
import { isPassageMetadata } from "../../src/retrieval/passage-document.js";
import { DOCSTORE_FILE, INDEX_FILE, type HnswStore } from "../../src/retrieval/store/hnsw-store.js";
import { CENTROIDS_FILE } from "../../src/retrieval/centroids.js";
import { SIGNATURES_FILE } from "../../src/retrieval/signatures.js";
import { LEXICAL_FILE } from "../../src/retrieval/lexical/bm25.js";

/** The real local embedder, counting what it is asked to embed, so a test can tell what was re-embedded. */
class CountingEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly embedded: string[] = [];
  constructor(private readonly inner: LocalEmbeddings = localEmbeddings()) {
    super({});
  }
  get id(): string {
    return this.inner.id;
  }
  get dimensions(): number {
    return this.inner.dimensions;
  }
  override embedDocuments(texts: string[]): Promise<number[][]> {
    this.embedded.push(...texts);
    return this.inner.embedDocuments(texts);
  }
  override embedQuery(text: string): Promise<number[]> {
    return this.inner.embedQuery(text);
  }
}

const LIGHTHOUSE = [
  "The lighthouse keeper of Port Elmwood painted the tower blue in 1987.",
  "Fishing boats leave the Port Elmwood harbour before dawn every morning.",
].join("\n");
const ORCHARD = [
  "# Orchard Notes",
  "",
  "The Kestrel Valley orchard grows forty varieties of apples.",
  "",
  "Beekeepers bring hives to the orchard every April to pollinate the trees.",
].join("\n");
const VOLCANO = [
  "Mount Arvel erupted in 1783 and buried the village of Selmouth under ash.",
  "Geologists monitor Mount Arvel with seismometers on its northern slope.",
].join("\n");

let root: string;
let corpusDir: string;
let indexDir: string;
let warnings: string[];
let embeddings: CountingEmbeddings;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "sitrep-indexing-"));
  corpusDir = path.join(root, "corpus");
  indexDir = path.join(root, "index");
  await writeCorpus({ "lighthouse.txt": LIGHTHOUSE, "orchard.md": ORCHARD, "volcano.txt": VOLCANO });
  warnings = [];
  embeddings = new CountingEmbeddings();
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeCorpus(files: Record<string, string | Uint8Array>): Promise<void> {
  await mkdir(corpusDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(corpusDir, name), content);
}

function sync(overrides: Partial<SyncOptions> = {}): Promise<SyncedIndex> {
  return syncIndex({ corpusDir, indexDir, embeddings, extractor: sharedFeatureExtractor(), warn: (m) => warnings.push(m), ...overrides });
}

async function manifest(): Promise<Manifest> {
  return JSON.parse(await readFile(path.join(indexDir, MANIFEST_FILE), "utf8")) as Manifest;
}

async function generationDir(): Promise<string> {
  return path.join(indexDir, (await manifest()).generation);
}

async function generations(): Promise<string[]> {
  return (await readdir(indexDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
}

/** Passage texts in the store, by document id. */
function passagesByDoc(store: HnswStore): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const label of store.labels()) {
    const doc = store.documentOf(label);
    if (!doc || !isPassageMetadata(doc.metadata)) throw new Error(`label ${label} has no passage metadata`);
    out.set(doc.metadata.docId, [...(out.get(doc.metadata.docId) ?? []), doc.pageContent]);
  }
  return out;
}

/** The manifest's ids must point at exactly the store's passages of each document. */
async function expectManifestMatchesStore(store: HnswStore): Promise<void> {
  const { documents } = await manifest();
  const labels = Object.entries(documents).flatMap(([docId, record]) =>
    record.ids.map((id) => {
      const doc = store.documentOf(Number(id));
      expect(doc?.metadata.docId, `manifest id ${id} of ${docId}`).toBe(docId);
      return Number(id);
    }),
  );
  expect(labels.sort((a, b) => a - b)).toEqual(store.labels().sort((a, b) => a - b));
}

/** One embedding per passage, each of one of these passages (the embedded text may add context such as the title). */
function expectEmbeddedExactly(passages: readonly string[]): void {
  expect(embeddings.embedded).toHaveLength(passages.length);
  for (const passage of passages) expect(embeddings.embedded.filter((text) => text.includes(passage))).toHaveLength(1);
}

async function topDoc(store: HnswStore, query: string): Promise<string | undefined> {
  const [hit] = await store.similaritySearchVectorWithScore(await embeddings.embedQuery(query), 1);
  return hit?.[0].metadata.docId as string | undefined;
}

describe("syncIndex: first build and no-op syncs", () => {
  it("GIVEN no index WHEN synced THEN every document is embedded and the reason is 'no index yet'", async () => {
    const { store, articles, report } = await sync();
    expect(report.rebuilt).toBe("no index yet");
    expect(report.added).toEqual(["lighthouse", "orchard", "volcano"]);
    expect(report.changed).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.documents).toBe(3);
    expect(report.passages).toBe(6);
    expect(store.size).toBe(6);
    expect(articles.map((a) => a.id)).toEqual(["lighthouse", "orchard", "volcano"]);
    expect(embeddings.embedded).toHaveLength(6);
    expect(warnings).toEqual([]);

    const written = await manifest();
    expect(written.embedder).toEqual({ id: embeddings.id, dimensions: 1024 });
    expect(written.passages).toBe(PASSAGES_VERSION);
    expect(Object.keys(written.documents).sort()).toEqual(["lighthouse", "orchard", "volcano"]);
    expect((await readdir(await generationDir())).sort()).toEqual([DOCSTORE_FILE, INDEX_FILE, CENTROIDS_FILE, SIGNATURES_FILE, LEXICAL_FILE].sort());
    await expectManifestMatchesStore(store);
    expect(await topDoc(store, "Who erupted and buried Selmouth?")).toBe("volcano");
  });

  it("GIVEN an index up to date WHEN synced again THEN nothing is re-embedded and the generation is unchanged", async () => {
    await sync();
    const before = await manifest();
    embeddings.embedded.length = 0;
    const progress: number[] = [];

    const { store, report } = await sync({ onProgress: (done) => progress.push(done) });
    expect(report).toMatchObject({ added: [], changed: [], removed: [], documents: 3, passages: 6 });
    expect(report.rebuilt).toBeUndefined();
    expect(embeddings.embedded).toEqual([]);
    expect(progress).toEqual([]);
    expect(await manifest()).toEqual(before);
    expect(store.size).toBe(6);
    expect(await topDoc(store, "apple orchard varieties")).toBe("orchard");
  });

  it("GIVEN no index, then a saved one WHEN synced THEN whileLoading runs only when a saved index is loaded, once", async () => {
    let calls = 0;
    await sync({ whileLoading: () => calls++ });
    expect(calls).toBe(0);

    const { store } = await sync({ whileLoading: () => calls++ });
    expect(calls).toBe(1);
    expect(store.size).toBe(6);
  });

  it("GIVEN the saved graph prefetched WHEN synced THEN the index is used as saved, without re-embedding", async () => {
    await sync();
    embeddings.embedded.length = 0;
    await prefetchIndex(indexDir);

    const { store, report } = await sync();
    expect(report.rebuilt).toBeUndefined();
    expect(embeddings.embedded).toEqual([]);
    expect(store.size).toBe(6);
    expect(await topDoc(store, "apple orchard varieties")).toBe("orchard");
  });

  it("GIVEN a prefetched graph of another embedder's size WHEN synced THEN it rebuilds at the new size and searches", async () => {
    const small = new CountingEmbeddings(new LocalEmbeddings({ lexicon: sharedFeatureExtractor().lexicon, dimensions: 256 }));
    await sync({ embeddings: small });
    await prefetchIndex(indexDir);

    const { store, report } = await sync();
    expect(report.rebuilt).toMatch(/embedder/);
    expect(store.vectorOf(store.labels()[0]!)).toHaveLength(embeddings.dimensions);
    expect(await topDoc(store, "apple orchard varieties")).toBe("orchard");
  });

  it("GIVEN an index prefetched WHEN its manifest is replaced before the sync THEN the sync reads the new manifest", async () => {
    await sync();
    await prefetchIndex(indexDir);
    // As another process publishes one: a new file renamed into place.
    const replaced = { ...(await manifest()), embedder: { id: "another-embedder", dimensions: embeddings.dimensions } };
    const temporary = path.join(indexDir, "manifest.next");
    await writeFile(temporary, JSON.stringify(replaced));
    await rename(temporary, path.join(indexDir, MANIFEST_FILE));

    const { report } = await sync();
    expect(report.rebuilt).toMatch(/another-embedder/);
  });

  it("GIVEN no index or a truncated graph WHEN prefetched THEN nothing is read and the sync rebuilds as before", async () => {
    await expect(prefetchIndex(indexDir)).resolves.toBeUndefined();
    await sync();
    await truncate(path.join(await generationDir(), INDEX_FILE), 100);
    await prefetchIndex(indexDir);

    const { store, report } = await sync();
    expect(report.rebuilt).toMatch(/vectors\.hnsw/);
    expect(store.size).toBe(6);
  });

  it("GIVEN a file rewritten with the same bytes WHEN synced THEN its content hash is unchanged and it is not re-embedded", async () => {
    await sync();
    const { generation } = await manifest();
    await writeCorpus({ "volcano.txt": VOLCANO });
    embeddings.embedded.length = 0;
    const { report } = await sync();
    expect(report.changed).toEqual([]);
    expect(embeddings.embedded).toEqual([]);
    expect((await manifest()).generation).toBe(generation);
  });
});

describe("syncIndex: unchanged files are not read again", () => {
  it("GIVEN an index WHEN synced again THEN the manifest lists each article's file time and metadata, and articles match a fresh read", async () => {
    const first = await sync();
    const { documents } = await manifest();
    expect(documents.orchard).toMatchObject({ title: "Orchard Notes", tags: [], stat: { size: Buffer.byteLength(ORCHARD) } });
    const again = await sync();
    const fields = (a: SyncedIndex["articles"][number]) => ({ ...a, paragraphs: [...a.paragraphs] });
    expect(again.articles.map(fields)).toEqual(first.articles.map(fields));
  });

  it("GIVEN a manifest written before file times were kept WHEN synced THEN it records them without re-embedding or a new generation", async () => {
    await sync();
    const before = await manifest();
    const bare = Object.fromEntries(
      Object.entries(before.documents).map(([id, d]) => [id, { hash: d.hash, file: d.file, title: d.title, ids: d.ids, indexedAt: d.indexedAt }]),
    );
    const files = Object.fromEntries(Object.entries(before.files).map(([name, f]) => [name, { sha256: f.sha256, bytes: f.bytes }]));
    await writeFile(path.join(indexDir, MANIFEST_FILE), JSON.stringify({ ...before, files, documents: bare }));
    embeddings.embedded.length = 0;

    await sync();
    const after = await manifest();
    expect(embeddings.embedded).toEqual([]);
    expect(after.generation).toBe(before.generation);
    expect(after.documents).toEqual(before.documents);
    expect(after.files).toEqual(before.files);
  });
});

describe("syncIndex: incremental changes", () => {
  it("GIVEN one edited file WHEN synced THEN only its passages are re-embedded and search finds the new text", async () => {
    await sync();
    const before = await manifest();
    embeddings.embedded.length = 0;
    const edited = LIGHTHOUSE.replace("painted the tower blue in 1987", "painted the tower green in 2003");
    await writeCorpus({ "lighthouse.txt": edited });

    const { store, report } = await sync();
    expect(report.changed).toEqual(["lighthouse"]);
    expect(report.added).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.rebuilt).toBeUndefined();
    expectEmbeddedExactly(edited.split("\n"));
    const after = await manifest();
    expect(after.generation).not.toBe(before.generation);
    expect(after.documents.orchard).toEqual(before.documents.orchard);
    expect(after.documents.lighthouse?.hash).not.toBe(before.documents.lighthouse?.hash);
    expect(passagesByDoc(store).get("lighthouse")).toEqual(edited.split("\n"));
    expect(store.size).toBe(6);
    await expectManifestMatchesStore(store);
  });

  it("GIVEN a new file WHEN synced THEN it is reported added and only it is embedded", async () => {
    await sync();
    embeddings.embedded.length = 0;
    await writeCorpus({ "glacier.txt": "The Hollin glacier retreated two kilometres during the last century." });

    const { store, report } = await sync();
    expect(report.added).toEqual(["glacier"]);
    expect(report.changed).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.documents).toBe(4);
    expectEmbeddedExactly(["The Hollin glacier retreated two kilometres during the last century."]);
    expect(await topDoc(store, "How far did the Hollin glacier retreat?")).toBe("glacier");
    await expectManifestMatchesStore(store);
  });

  it("GIVEN a deleted file WHEN synced THEN it is reported removed and its passages are gone from search", async () => {
    await sync();
    await unlink(path.join(corpusDir, "volcano.txt"));
    embeddings.embedded.length = 0;

    const { store, report, articles } = await sync();
    expect(report.removed).toEqual(["volcano"]);
    expect(report.added).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(report.passages).toBe(4);
    expect(embeddings.embedded).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual(["lighthouse", "orchard"]);
    expect(passagesByDoc(store).has("volcano")).toBe(false);
    const hits = await store.similaritySearchVectorWithScore(await embeddings.embedQuery("Mount Arvel erupted"), 10);
    expect(hits.map(([d]) => d.metadata.docId as string)).not.toContain("volcano");
    expect(Object.keys((await manifest()).documents).sort()).toEqual(["lighthouse", "orchard"]);
    await expectManifestMatchesStore(store);
  });

  it("GIVEN a renamed file WHEN synced THEN the old id is removed and the new one added", async () => {
    await sync();
    await rename(path.join(corpusDir, "volcano.txt"), path.join(corpusDir, "arvel.txt"));
    const { store, report } = await sync();
    expect(report.removed).toEqual(["volcano"]);
    expect(report.added).toEqual(["arvel"]);
    expect([...passagesByDoc(store).keys()].sort()).toEqual(["arvel", "lighthouse", "orchard"]);
  });

  it("GIVEN the same article filed twice WHEN synced THEN the copies share graph points, and deleting the first keeps the second found", async () => {
    await writeCorpus({ "orchard-again.md": ORCHARD });
    const first = await sync();
    expect(first.store.size).toBe(8);
    expect(first.store.graphPoints).toBe(6);
    const question = await embeddings.embedQuery("Who brings hives to the orchard?");
    const hits = await first.store.similaritySearchVectorWithScore(question, 2);
    expect(hits.map(([d]) => d.metadata.docId as string).sort()).toEqual(["orchard", "orchard-again"]);
    expect(hits[0]![1]).toBeCloseTo(hits[1]![1], 6);

    await unlink(path.join(corpusDir, "orchard.md"));
    const second = await sync();
    expect(second.report.removed).toEqual(["orchard"]);
    expect(await topDoc(second.store, "Who brings hives to the orchard?")).toBe("orchard-again");
    expect(second.store.deletedCount).toBe(0);
    await expectManifestMatchesStore(second.store);
    const reopened = await sync();
    expect(await topDoc(reopened.store, "Who brings hives to the orchard?")).toBe("orchard-again");
  });

  it("GIVEN an article filed eight times WHEN another is deleted THEN the share of deleted graph points, not of documents, compacts", async () => {
    const copies = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`orchard-${i}.md`, ORCHARD]));
    await writeCorpus(copies);
    const first = await sync();
    expect(first.store.size).toBe(20);
    expect(first.store.graphPoints).toBe(6);

    // Two dead points of six is past the 30% limit, though two of 20 documents is not.
    await unlink(path.join(corpusDir, "lighthouse.txt"));
    const second = await sync();
    expect(second.store.deletedCount).toBe(0);
    expect(second.store.graphPoints).toBe(4);
    expect(await topDoc(second.store, "Who brings hives to the orchard?")).toMatch(/^orchard/);
    await expectManifestMatchesStore(second.store);
  });

  it("GIVEN many deleted slots WHEN synced THEN the graph is compacted and the manifest ids still point at the right passages", async () => {
    await rm(corpusDir, { recursive: true });
    await writeCorpus({ "lighthouse.txt": LIGHTHOUSE, "volcano.txt": VOLCANO });
    await sync();
    await writeCorpus({ "lighthouse.txt": LIGHTHOUSE.replace("blue", "green") });

    const first = await sync();
    expect(first.report.changed).toEqual(["lighthouse"]);
    expect(first.store.deletedCount).toBe(0);
    expect(first.store.size).toBe(4);
    await expectManifestMatchesStore(first.store);

    await unlink(path.join(corpusDir, "lighthouse.txt"));
    const second = await sync();
    expect(second.report.removed).toEqual(["lighthouse"]);
    expect([...passagesByDoc(second.store).keys()]).toEqual(["volcano"]);
    expect(passagesByDoc(second.store).get("volcano")).toEqual(VOLCANO.split("\n"));
    await expectManifestMatchesStore(second.store);
  });

  it("GIVEN several publishing syncs THEN only the current and the previous generation folders are kept, once the rest are ten minutes old", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      await sync();
      for (const colour of ["green", "red", "white"]) {
        await writeCorpus({ "lighthouse.txt": LIGHTHOUSE.replace("blue", colour) });
        await sync();
      }
      // Young folders may be another process's index being written: all four are still there.
      expect(await generations()).toHaveLength(4);
      vi.setSystemTime(Date.now() + 11 * 60_000);
      await writeCorpus({ "lighthouse.txt": LIGHTHOUSE.replace("blue", "black") });
      await sync();
      const kept = await generations();
      expect(kept).toHaveLength(2);
      expect(kept).toContain((await manifest()).generation);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("syncIndex: damaged or foreign index", () => {
  it("GIVEN a truncated vectors file WHEN synced THEN it rebuilds, says why, and search works again", async () => {
    await sync();
    const file = path.join(await generationDir(), INDEX_FILE);
    await truncate(file, Math.floor((await stat(file)).size / 2));
    embeddings.embedded.length = 0;

    const { store, report } = await sync();
    expect(report.rebuilt).toMatch(/vectors\.hnsw/);
    expect(report.rebuilt).toMatch(/wrong size/);
    expect(warnings).toEqual([`rebuilding the index: ${report.rebuilt}`]);
    expect(report.added).toEqual(["lighthouse", "orchard", "volcano"]);
    expect(embeddings.embedded).toHaveLength(6);
    expect(store.size).toBe(6);
    expect(await topDoc(store, "Mount Arvel seismometers")).toBe("volcano");
    // The rebuilt index is itself sound: the next sync has nothing to do.
    expect((await sync()).report.rebuilt).toBeUndefined();
  });

  it("GIVEN a vectors file corrupted at the same size WHEN synced THEN the checksum catches it and it rebuilds", async () => {
    await sync();
    const file = path.join(await generationDir(), INDEX_FILE);
    const bytes = await readFile(file);
    for (let i = 0; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0xff;
    await writeFile(file, bytes);

    const { store, report } = await sync();
    expect(report.rebuilt).toMatch(/vectors\.hnsw.*checksum/);
    expect(store.size).toBe(6);
    await expectManifestMatchesStore(store);
  });

  it("GIVEN a corrupted docstore WHEN synced THEN the reason names the docstore file", async () => {
    await sync();
    await writeFile(path.join(await generationDir(), DOCSTORE_FILE), "{}");
    const { report } = await sync();
    expect(report.rebuilt).toMatch(/docstore\.bin/);
  });

  it("GIVEN an index written before the docstore was binary (docstore.json) WHEN synced THEN it warns, rebuilds and answers", async () => {
    await sync();
    const written = await manifest();
    const { [DOCSTORE_FILE]: record, ...others } = written.files;
    await rename(path.join(await generationDir(), DOCSTORE_FILE), path.join(await generationDir(), "docstore.json"));
    await writeFile(path.join(indexDir, MANIFEST_FILE), JSON.stringify({ ...written, files: { ...others, "docstore.json": record } }));
    warnings = [];

    const { store, report } = await sync();
    expect(report.rebuilt).toMatch(/docstore\.bin/);
    expect(warnings.some((w) => w.startsWith("rebuilding the index") && w.includes(DOCSTORE_FILE))).toBe(true);
    expect(await topDoc(store, "Beekeepers bring hives in April")).toBe("orchard");
    expect(Object.keys((await manifest()).files)).toContain(DOCSTORE_FILE);
  });

  it("GIVEN the generation folder is gone WHEN synced THEN it rebuilds because the files are missing", async () => {
    await sync();
    await rm(await generationDir(), { recursive: true });
    const { store, report } = await sync();
    expect(report.rebuilt).toMatch(/vectors\.hnsw is missing/);
    expect(store.size).toBe(6);
  });

  it("GIVEN a manifest from another embedder id WHEN synced THEN everything is re-embedded", async () => {
    await sync();
    const other = new CountingEmbeddings(new LocalEmbeddings({ lexicon: { lookup: () => undefined, lookupPhrase: () => undefined }, dimensions: 256 }));

    const { store, report } = await sync({ embeddings: other });
    expect(report.rebuilt).toContain(embeddings.id);
    expect(report.rebuilt).toContain(other.id);
    expect(other.embedded).toHaveLength(6);
    expect(store.vectorOf(store.labels()[0]!)).toHaveLength(256);
    expect((await manifest()).embedder).toEqual({ id: other.id, dimensions: 256 });
  });

  it("GIVEN a manifest whose embedder dimensions differ WHEN synced THEN it rebuilds", async () => {
    await sync();
    const written = await manifest();
    await writeFile(path.join(indexDir, MANIFEST_FILE), JSON.stringify({ ...written, embedder: { id: embeddings.id, dimensions: 512 } }));
    const { report } = await sync();
    expect(report.rebuilt).toMatch(/embedder/);
    expect((await manifest()).embedder.dimensions).toBe(1024);
  });

  it("GIVEN a manifest from another passage splitter WHEN synced THEN it rebuilds", async () => {
    await sync();
    const written = await manifest();
    await writeFile(path.join(indexDir, MANIFEST_FILE), JSON.stringify({ ...written, passages: "sentences-v0" }));
    const { report } = await sync();
    expect(report.rebuilt).toBe("passage splitting changed");
  });

  it("GIVEN a manifest that is not JSON WHEN synced THEN it rebuilds and answers are right", async () => {
    await sync();
    await writeFile(path.join(indexDir, MANIFEST_FILE), "{ this is not json");
    const { store, report } = await sync();
    expect(report.rebuilt).toBe("manifest is not valid JSON");
    expect(await topDoc(store, "Beekeepers bring hives in April")).toBe("orchard");
    expect((await manifest()).documents.orchard).toBeDefined();
  });

  it("GIVEN a manifest with an unexpected shape WHEN synced THEN it rebuilds", async () => {
    await sync();
    await writeFile(path.join(indexDir, MANIFEST_FILE), JSON.stringify({ format: 2 }));
    const { report } = await sync();
    expect(report.rebuilt).toBe("manifest has an unexpected shape");
  });
});

describe("syncIndex: bad corpus files", () => {
  it("GIVEN an empty and a binary file among good ones WHEN synced THEN they are skipped with a warning and the rest is indexed", async () => {
    await writeCorpus({ "empty.txt": "", "binary.txt": Uint8Array.from([0x41, 0x00, 0x42]) });
    const { store, report } = await sync();
    expect(report.skipped.map((s) => s.file)).toEqual(["binary.txt", "empty.txt"]);
    expect(warnings).toEqual([
      `skipped binary.txt: ${report.skipped[0]?.reason}`,
      `skipped empty.txt: ${report.skipped[1]?.reason}`,
    ]);
    expect(warnings[1]).toBe("skipped empty.txt: file is empty");
    expect(report.documents).toBe(3);
    expect([...passagesByDoc(store).keys()].sort()).toEqual(["lighthouse", "orchard", "volcano"]);
  });

  it("GIVEN an indexed file that becomes unreadable as an article WHEN synced THEN it is skipped and its passages removed", async () => {
    await sync();
    await writeCorpus({ "volcano.txt": "   \n  " });
    const { store, report } = await sync();
    expect(report.skipped).toEqual([{ file: "volcano.txt", reason: "file contains only whitespace" }]);
    expect(report.removed).toEqual(["volcano"]);
    expect(passagesByDoc(store).has("volcano")).toBe(false);
  });
});

describe("openEngine over a changing corpus", () => {
  it("GIVEN an edited article WHEN the engine is reopened THEN the answer cites the new text, not the old", async () => {
    const question = "What colour did the lighthouse keeper of Port Elmwood paint the tower?";
    const first = await openEngine({ corpusDir, indexDir, embeddings });
    const before = await first.engine.ask(question);
    expect(before.abstained).toBe(false);
    expect(before.citations[0]).toMatchObject({ docId: "lighthouse", paragraph: 1 });
    expect(before.citations[0]?.quote).toContain("blue");

    await writeCorpus({ "lighthouse.txt": LIGHTHOUSE.replace("painted the tower blue in 1987", "painted the tower green in 2003") });
    const second = await openEngine({ corpusDir, indexDir, embeddings });
    expect(second.report.changed).toEqual(["lighthouse"]);
    const after = await second.engine.ask(question);
    expect(after.citations[0]).toMatchObject({ docId: "lighthouse", paragraph: 1 });
    expect(after.citations[0]?.quote).toContain("painted the tower green in 2003");
    expect(after.answer).toContain("green");
    expect(after.answer).not.toContain("blue");
  });

  it("GIVEN a corrupted index WHEN the engine is opened THEN it rebuilds and still answers from the corpus", async () => {
    await openEngine({ corpusDir, indexDir, embeddings });
    await truncate(path.join(await generationDir(), INDEX_FILE), 10);
    const { engine, report } = await openEngine({ corpusDir, indexDir, embeddings, warn: (m) => warnings.push(m) });
    expect(report.rebuilt).toMatch(/vectors\.hnsw/);
    expect(warnings.some((w) => w.startsWith("rebuilding the index:"))).toBe(true);
    const answer = await engine.ask("When did Mount Arvel erupt?");
    expect(answer.citations[0]).toMatchObject({ docId: "volcano", paragraph: 1 });
    expect(answer.answer).toContain("1783");
  });
});
