import { randomBytes } from "node:crypto";
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { loadCorpus, type KnownArticle } from "../corpus/load.js";
import { toPassages } from "../corpus/passages.js";
import type { Article, LoadedCorpus } from "../corpus/types.js";
import type { IdentifiedEmbeddings } from "./embedder.js";
import { checksumFiles, manifestVersion, readManifest, stampFiles, verifyFiles, writeManifest, type Manifest, type ManifestDocument, type ManifestRead } from "./manifest.js";
import { contextualText, toDocument } from "./passage-document.js";
import { CENTROIDS_FILE, DocumentCentroids } from "./centroids.js";
import type { FeatureExtractor } from "./embeddings/features.js";
import { passageAnalyser, type AnalysedPassages } from "./analysis/analyser.js";
import { PassageSignatures, SIGNATURES_FILE } from "./signatures.js";
import { LEXICAL_FILE, LexicalIndex } from "./lexical/bm25.js";
import { DOCSTORE_FILE, HnswStore, INDEX_FILE } from "./store/hnsw-store.js";
import { sourceDetails } from "../corpus/source-details.js";
import { COLLECT_EVERY, collectGarbage } from "./analysis/full-collection.js";

/** Bumped whenever passage splitting changes, since stored passages would no longer match a fresh split. */
export const PASSAGES_VERSION = "paragraphs-120w-titled-v2";
const EMBED_BATCH = 128;
/** What a generation folder holds. */
const INDEX_FILES = [INDEX_FILE, DOCSTORE_FILE, CENTROIDS_FILE, SIGNATURES_FILE, LEXICAL_FILE];
/** Longest stretch of synchronous indexing work between two yields to the event loop (a bot keeps answering). */
const SLICE_MS = 20;
/** Past this share of deleted slots the graph is rebuilt from the live vectors, so it does not grow forever. */
const MAX_DELETED_SHARE = 0.3;

export interface SyncOptions {
  readonly corpusDir: string;
  readonly indexDir: string;
  readonly embeddings: IdentifiedEmbeddings;
  /** The reranker's analysis: every passage's features are kept (as signatures) for exact re-scoring. */
  readonly extractor: FeatureExtractor;
  readonly onProgress?: (done: number, total: number) => void;
  readonly warn?: (message: string) => void;
  /**
   * Called once the saved index has begun loading: synchronous work placed here overlaps the graph read, which runs
   * on another thread (~0.2-0.4 s at 15k passages) while this one would otherwise mostly wait.
   */
  readonly whileLoading?: () => void;
}

export interface SyncReport {
  readonly documents: number;
  readonly passages: number;
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** Why the whole index was rebuilt, when it was. */
  readonly rebuilt?: string;
  readonly skipped: LoadedCorpus["skipped"];
  readonly seconds: number;
}

export interface SyncedIndex {
  readonly store: HnswStore;
  readonly centroids: DocumentCentroids;
  readonly signatures: PassageSignatures;
  readonly lexical: LexicalIndex;
  /** When each document's current content was indexed (ISO time). */
  readonly indexedAt: ReadonlyMap<string, string>;
  readonly articles: readonly Article[];
  readonly report: SyncReport;
}

interface OpenedStore {
  readonly store: HnswStore;
  readonly centroids: DocumentCentroids;
  readonly signatures: PassageSignatures;
  readonly lexical: LexicalIndex;
  readonly previous: Record<string, ManifestDocument>;
  readonly rebuilt?: string;
}

async function openStore(options: SyncOptions, read: ManifestRead): Promise<OpenedStore> {
  const { embeddings, indexDir } = options;
  const fresh = (reason: string): OpenedStore => ({
    store: HnswStore.create(embeddings, { dimensions: embeddings.dimensions }),
    centroids: new DocumentCentroids(embeddings.dimensions),
    signatures: new PassageSignatures({ spoolIn: indexDir }),
    lexical: new LexicalIndex(),
    previous: {},
    rebuilt: reason,
  });
  if (!read.ok) return fresh(read.reason);
  const { manifest } = read;
  if (manifest.embedder.id !== embeddings.id || manifest.embedder.dimensions !== embeddings.dimensions) {
    return fresh(`the index was built by embedder ${manifest.embedder.id}, now ${embeddings.id}`);
  }
  if (manifest.passages !== PASSAGES_VERSION) return fresh("passage splitting changed");
  // Files are renamed when their format changes (docstore.json became docstore.bin): an older index lacks them.
  const missing = INDEX_FILES.find((name) => manifest.files[name] === undefined);
  if (missing !== undefined) return fresh(`the index predates ${missing} (written by an older sitrep)`);
  const generationDir = path.join(indexDir, manifest.generation);
  const problem = await verifyFiles(generationDir, manifest.files);
  if (problem) return fresh(problem);
  try {
    // Together: the graph loads on a libuv thread while the sidecar files are parsed here.
    const loading = Promise.all([
      HnswStore.load(generationDir, embeddings, { dimensions: embeddings.dimensions }),
      DocumentCentroids.load(generationDir, embeddings.dimensions),
      PassageSignatures.load(generationDir, { spoolIn: indexDir }),
      LexicalIndex.load(generationDir),
    ]);
    options.whileLoading?.();
    const [store, centroids, signatures, lexical] = await loading;
    return { store, centroids, signatures, lexical, previous: manifest.documents };
  } catch (error) {
    return fresh(`index files unreadable (${(error as Error).message})`);
  }
}

/** The manifest prefetchIndex read, for the next syncIndex of the same directory (parsing and checking it is ~25 ms). */
let prefetchedManifest: { readonly indexDir: string; readonly version: string; readonly read: ManifestRead } | undefined;

/** The manifest prefetchIndex read, if it is still the file there; else a fresh read. Either way, used once. */
async function takeManifest(indexDir: string): Promise<ManifestRead> {
  const early = prefetchedManifest;
  prefetchedManifest = undefined;
  if (early?.indexDir === path.resolve(indexDir) && early.version === (await manifestVersion(indexDir))) return early.read;
  return readManifest(indexDir);
}

/**
 * Starts reading the saved graph of `indexDir` (see HnswStore.prefetch) when the manifest names one and the file is
 * the one it recorded, so the caller's own start-up work overlaps the read; the next syncIndex of `indexDir` takes it
 * over, or drops it when it rebuilds instead. Never throws: without a usable index it does nothing.
 */
export async function prefetchIndex(indexDir: string): Promise<void> {
  // Looked at before the read: a manifest replaced meanwhile has another version, and is read again by syncIndex.
  const version = await manifestVersion(indexDir);
  const read = await readManifest(indexDir);
  if (!read.ok) return;
  if (version !== undefined) prefetchedManifest = { indexDir: path.resolve(indexDir), version, read };
  const record = read.manifest.files[INDEX_FILE];
  const generationDir = path.join(indexDir, read.manifest.generation);
  if (record === undefined || (await verifyFiles(generationDir, { [INDEX_FILE]: record })) !== undefined) return;
  HnswStore.prefetch(generationDir, read.manifest.embedder.dimensions);
}

/**
 * Brings the index in `indexDir` up to date with the corpus: re-embeds only documents whose content hash changed,
 * drops removed ones, and rebuilds from scratch when the index is missing, corrupt, or made by another embedder.
 * A new state is written to a fresh generation folder and published by renaming the manifest, so a crash at any
 * point leaves the previous index whole.
 */
export async function syncIndex(options: SyncOptions): Promise<SyncedIndex> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const read = await takeManifest(options.indexDir);
  const corpus = await loadCorpus(options.corpusDir, { known: knownArticles(read) });
  for (const skipped of corpus.skipped) options.warn?.(`skipped ${skipped.file}: ${skipped.reason}`);
  const opened = await openStore(options, read);
  HnswStore.releasePrefetch();
  const { previous, rebuilt, centroids, signatures, lexical } = opened;
  let store = opened.store;
  if (rebuilt && rebuilt !== "no index yet") options.warn?.(`rebuilding the index: ${rebuilt}`);

  const current = new Map(corpus.articles.map((a) => [a.id, a]));
  const removed = Object.keys(previous).filter((id) => !current.has(id));
  const stale = corpus.articles.filter((a) => previous[a.id]?.hash !== a.hash);
  const outdated = [...removed, ...stale.map((a) => a.id)];
  const outdatedLabels = outdated.flatMap((id) => previous[id]?.ids ?? []);
  lexical.remove(outdatedLabels.flatMap((label) => passageIdOf(store, label)));
  await store.delete({ ids: outdatedLabels });
  for (const id of outdated) {
    centroids.delete(id);
    signatures.deleteDocument(id);
  }

  const documents: Manifest["documents"] = {};
  let recordsChanged = false;
  for (const article of corpus.articles) {
    const kept = previous[article.id];
    if (kept && kept.hash === article.hash) {
      documents[article.id] = { ...kept, ...articleRecord(article) };
      recordsChanged ||= JSON.stringify(documents[article.id]) !== JSON.stringify(kept);
    }
  }
  const pending: { article: Article; doc: ReturnType<typeof toDocument> }[] = [];
  let sliceStart = performance.now();
  /** Yields when the current stretch of synchronous work has run for SLICE_MS. */
  const breathe = async (): Promise<void> => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await yieldToEventLoop();
    sliceStart = performance.now();
  };
  for (const article of stale) {
    for (const passage of toPassages(article)) pending.push({ article, doc: toDocument(article, passage) });
    await breathe();
  }
  store.reserve(pending.length);
  const analyser = passageAnalyser(options.embeddings, options.extractor, pending.length);
  // Later batches are analysed (in the feature thread, when there is one) while this one is inserted.
  const analyse = (start: number): Promise<AnalysedPassages> => {
    const analysed = analyser.analyse(pending.slice(start, start + EMBED_BATCH).map((b) => contextualText(b.doc)));
    analysed.catch(() => undefined); // awaited below; this only keeps an abandoned prefetch from crashing the process
    return analysed;
  };
  const queued: Promise<AnalysedPassages>[] = [];
  let requested = 0;
  const requestAhead = (): void => {
    for (; queued.length < analyser.lookahead && requested < pending.length; requested += EMBED_BATCH) queued.push(analyse(requested));
  };
  try {
    requestAhead();
    for (let start = 0; start < pending.length; start += EMBED_BATCH) {
      const batch = pending.slice(start, start + EMBED_BATCH);
      const { vectors, signatures: analysed } = await queued.shift()!;
      requestAhead();
      const ids: string[] = [];
      // One at a time with a yield every SLICE_MS: an insertion takes 1-3 ms, a batch of them far too long to block.
      for (let at = 0; at < batch.length; at++) {
        ids.push(...(await store.addVectors([Array.from(vectors[at]!)], [batch[at]!.doc])));
        await breathe();
      }
      batch.forEach(({ article, doc }, i) => {
        centroids.add(article.id, vectors[i]!);
        signatures.setSignature(doc.metadata.passageId, analysed[i]!);
      });
      lexical.add(batch.map(({ doc }) => ({ id: doc.metadata.passageId, text: doc.pageContent, title: doc.metadata.title })));
      batch.forEach(({ article }, i) => {
        documents[article.id] ??= { hash: article.hash, file: article.file, title: article.title, ids: [], indexedAt: startedAt, ...articleRecord(article) };
        documents[article.id]!.ids.push(ids[i]!);
      });
      options.onProgress?.(Math.min(start + EMBED_BATCH, pending.length), pending.length);
      if ((start / EMBED_BATCH) % COLLECT_EVERY === COLLECT_EVERY - 1) collectGarbage();
    }
  } finally {
    await analyser.close();
  }

  let compacted = false;
  if (store.deletedCount > MAX_DELETED_SHARE * Math.max(1, store.graphPoints)) {
    store = await compact(store, options.embeddings, documents);
    compacted = true;
  }
  const changed = stale.filter((a) => previous[a.id] !== undefined).map((a) => a.id);
  const added = stale.filter((a) => previous[a.id] === undefined).map((a) => a.id);
  if (rebuilt !== undefined || compacted || stale.length > 0 || removed.length > 0) {
    await publish(options, { store, centroids, signatures, lexical }, documents);
  } else if (read.ok) {
    // Same vectors, newer file times (a touched file, or a manifest from before they were kept): record them, so
    // the next start can skip reading and hashing those files.
    const files = await stampFiles(path.join(options.indexDir, read.manifest.generation), read.manifest.files);
    if (recordsChanged || files !== read.manifest.files) {
      await writeManifest(options.indexDir, { ...read.manifest, files, documents, updatedAt: new Date().toISOString() });
    }
  }
  const report: SyncReport = {
    documents: corpus.articles.length,
    passages: store.size,
    added,
    changed,
    removed,
    ...(rebuilt !== undefined ? { rebuilt } : {}),
    skipped: corpus.skipped,
    seconds: (performance.now() - started) / 1000,
  };
  const indexedAt = new Map(Object.entries(documents).flatMap(([id, d]) => (d.indexedAt ? [[id, d.indexedAt] as const] : [])));
  return { store, centroids, signatures, lexical, indexedAt, articles: corpus.articles, report };
}

/** Articles the manifest can stand in for, by file, when their files are unchanged (see loadCorpus). */
function knownArticles(read: ManifestRead): Map<string, KnownArticle> {
  const known = new Map<string, KnownArticle>();
  if (!read.ok) return known;
  for (const [id, d] of Object.entries(read.manifest.documents)) {
    if (d.stat === undefined || d.tags === undefined) continue;
    known.set(d.file, {
      id,
      title: d.title,
      ...sourceDetails(d),
      tags: d.tags,
      file: d.file,
      hash: d.hash,
      stat: d.stat,
    });
  }
  return known;
}

/** What the manifest keeps of an article beyond its passages, for knownArticles. */
function articleRecord(article: Article): Partial<ManifestDocument> {
  return {
    file: article.file,
    title: article.title,
    ...(article.stat === undefined ? {} : { stat: { size: article.stat.size, mtimeMs: article.stat.mtimeMs } }),
    ...sourceDetails(article),
    tags: [...article.tags],
  };
}

/** Re-inserts the live vectors into a new graph (no re-embedding), and renumbers the manifest's ids. */
async function compact(old: HnswStore, embeddings: IdentifiedEmbeddings, documents: Manifest["documents"]): Promise<HnswStore> {
  const store = HnswStore.create(embeddings, { dimensions: embeddings.dimensions });
  store.reserve(old.size);
  for (const record of Object.values(documents)) {
    const labels = record.ids.map(Number);
    const docs = labels.map((label) => old.documentOf(label)!);
    record.ids = await store.addVectors(labels.map((label) => old.vectorOf(label)), docs);
    await yieldToEventLoop();
  }
  return store;
}

function passageIdOf(store: HnswStore, label: string): string[] {
  const metadata = store.documentOf(Number(label))?.metadata;
  return typeof metadata?.passageId === "string" ? [metadata.passageId] : [];
}

interface IndexParts {
  readonly store: HnswStore;
  readonly centroids: DocumentCentroids;
  readonly signatures: PassageSignatures;
  readonly lexical: LexicalIndex;
}

async function publish(options: SyncOptions, parts: IndexParts, documents: Manifest["documents"]): Promise<void> {
  const generation = `g${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const generationDir = path.join(options.indexDir, generation);
  await mkdir(generationDir, { recursive: true });
  await Promise.all([
    parts.store.save(generationDir),
    parts.centroids.save(generationDir),
    parts.signatures.save(generationDir),
    parts.lexical.save(generationDir),
  ]);
  const before = await readManifest(options.indexDir);
  await writeManifest(options.indexDir, {
    format: 1,
    embedder: { id: options.embeddings.id, dimensions: options.embeddings.dimensions },
    passages: PASSAGES_VERSION,
    generation,
    files: await checksumFiles(generationDir, INDEX_FILES),
    documents,
    updatedAt: new Date().toISOString(),
  });
  // Keep the generation we replaced: a process that read the old manifest a moment ago may still be loading it.
  const keep = new Set([generation, before.ok ? before.manifest.generation : ""]);
  for (const entry of await readdir(options.indexDir, { withFileTypes: true })) {
    const created = generationCreatedAt(entry.name);
    if (!entry.isDirectory() || created === undefined || keep.has(entry.name)) continue;
    // A young folder may be another process's index still being written (the bot and `sitrep add` at once).
    if (Date.now() - created < IN_PROGRESS_GRACE_MS) continue;
    await rm(path.join(options.indexDir, entry.name), { recursive: true, force: true });
  }
}

const IN_PROGRESS_GRACE_MS = 10 * 60_000;

/** Generation folders are named `g<base-36 creation time>-<random hex>`. */
function generationCreatedAt(name: string): number | undefined {
  const match = /^g([0-9a-z]+)-[0-9a-f]+$/.exec(name);
  return match ? parseInt(match[1]!, 36) : undefined;
}
