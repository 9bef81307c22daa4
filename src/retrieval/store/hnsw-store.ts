import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { SaveableVectorStore } from "@langchain/core/vectorstores";
import { mkdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { decodeWithHeader, writeWithHeaderAtomic } from "./binary-file.js";
import { hnswlibAddon } from "./hnswlib-addon.js";

const { HierarchicalNSW } = hnswlibAddon();
type Index = InstanceType<typeof HierarchicalNSW>;

export const INDEX_FILE = "vectors.hnsw";
/**
 * The passages' texts and metadata. Binary since docstore.json: parsing 14 MB of JSON strings took the main thread
 * ~0.2 s at every start, where slicing one decoded blob takes ~15 ms. An index with the old file is rebuilt.
 */
export const DOCSTORE_FILE = "docstore.bin";

export interface HnswStoreOptions {
  readonly dimensions: number;
  /** Search-time candidate list. hnswlib does not save it and defaults to 10, which ruins recall: we always set it. */
  readonly efSearch?: number;
  readonly efConstruction?: number;
  readonly m?: number;
}

/**
 * docstore.bin's header (see binary-file.ts); the body is a Uint32Array of labels.length + 1 offsets into the texts,
 * then all the texts as one UTF-8 run. The offsets count bytes when `textOffsets` is "utf8" (each text is decoded
 * when first read), UTF-16 code units in files written before it (one decode of the whole run serves every text).
 */
interface DocstoreHeader {
  readonly dimensions: number;
  readonly labels: number[];
  readonly metadata: Record<string, unknown>[];
  readonly textOffsets?: "utf8";
}

interface Docstore {
  readonly dimensions: number;
  readonly documents: [number, DocumentInterface][];
}

/**
 * A passage read from docstore.bin, its text decoded from the file's bytes the first time it is asked for. A question
 * reads a few dozen texts; decoding all 15k at start-up took ~130 ms, into a 21 MB string (UTF-16, as soon as one
 * character is not Latin-1), most of it never read.
 */
class StoredDocument implements DocumentInterface {
  private text: string | undefined;

  constructor(
    private readonly bytes: Buffer,
    private readonly start: number,
    private readonly end: number,
    readonly metadata: Record<string, unknown>,
  ) {}

  get pageContent(): string {
    return (this.text ??= this.bytes.toString("utf8", this.start, this.end));
  }

  /** The text's UTF-8 bytes as stored, for saving it again without a decode and an encode. */
  utf8(): Uint8Array {
    return this.bytes.subarray(this.start, this.end);
  }
}

function utf8Of(doc: DocumentInterface): Uint8Array {
  return doc instanceof StoredDocument ? doc.utf8() : Buffer.from(doc.pageContent, "utf8");
}

function utf8Length(doc: DocumentInterface): number {
  return doc instanceof StoredDocument ? doc.utf8().length : Buffer.byteLength(doc.pageContent, "utf8");
}

async function readDocstore(file: string): Promise<Docstore> {
  const decoded = decodeWithHeader<DocstoreHeader>(await readFile(file));
  const { dimensions, labels, metadata, textOffsets } = decoded.header;
  if (!Number.isInteger(dimensions) || !Array.isArray(labels) || !Array.isArray(metadata) || metadata.length !== labels.length) {
    throw new Error(`${DOCSTORE_FILE} has an unexpected header`);
  }
  const offsetsBytes = (labels.length + 1) * 4;
  if (decoded.byteLength < decoded.offset + offsetsBytes) throw new Error(`${DOCSTORE_FILE} is truncated`);
  const offsets = new Uint32Array(decoded.buffer, decoded.offset, labels.length + 1);
  const body = Buffer.from(decoded.buffer, decoded.offset + offsetsBytes, decoded.byteLength - decoded.offset - offsetsBytes);
  if (textOffsets === "utf8") {
    if (body.length !== offsets[labels.length]) throw new Error(`${DOCSTORE_FILE} has the wrong length`);
    return { dimensions, documents: labels.map((label, i) => [label, new StoredDocument(body, offsets[i]!, offsets[i + 1]!, metadata[i]!)]) };
  }
  const all = body.toString("utf8");
  if (all.length !== offsets[labels.length]) throw new Error(`${DOCSTORE_FILE} has the wrong length`);
  return {
    dimensions,
    documents: labels.map((label, i) => [label, new Document({ pageContent: all.slice(offsets[i], offsets[i + 1]), metadata: metadata[i]! })]),
  };
}

/** A graph file being read by hnswlib on a libuv thread. */
interface GraphRead {
  readonly file: string;
  readonly dimensions: number;
  readonly index: Index;
  readonly reading: Promise<unknown>;
}

function startGraphRead(file: string, dimensions: number): GraphRead {
  const index = new HierarchicalNSW("cosine", dimensions);
  const reading = index.readIndex(file);
  // Marks a failure handled until it is awaited, so a bad graph file cannot crash the process meanwhile.
  reading.catch(() => undefined);
  return { file, dimensions, index, reading };
}

/** The native read writes into `read.index` until it settles: the index must stay reachable until then. */
function abandon(read: GraphRead | undefined): void {
  if (read) void read.reading.catch(() => undefined).then(() => read.index);
}

/** Started by HnswStore.prefetch, taken by the next load of the same file. */
let prefetched: GraphRead | undefined;

const INITIAL_CAPACITY = 1024;
/**
 * Measured at 15k passages (seed + State of the Union, 1024 dimensions, M 16), recall@10 against exact search over
 * eval questions and passage texts (bench/run.ts). efConstruction 200: 0.952 at ef 256, 0.979 at 512, 0.9845 at 640,
 * 0.991 at 768. efConstruction 100 inserts in ~55% of the time (13% less ingest CPU) but needs ef 1024 for the same
 * recall (0.983 at 896, 0.985 at 1024), which searched 25% slower (ask p50 +0.8 ms); ingest wall time barely moved
 * (21.2 -> 20.5 s), since the feature thread's analysis, not insertion, then bounds it. So: 200 and 640. M 12 and 24
 * did worse on both counts. Question vectors are sparse, which is hard on the graph.
 */
export const DEFAULT_EF_SEARCH = 640;
export const DEFAULT_EF_CONSTRUCTION = 200;

/**
 * A LangChain vector store over hnswlib (cosine space), persisted to a directory. Each document gets a numeric
 * label; ids returned by addVectors are those labels as strings, and `delete({ ids })` marks them deleted.
 */
export class HnswStore extends SaveableVectorStore {
  declare FilterType: (doc: DocumentInterface) => boolean;

  private readonly documents = new Map<number, DocumentInterface>();
  private nextLabel = 0;

  private constructor(
    embeddings: EmbeddingsInterface,
    private readonly options: HnswStoreOptions,
    private readonly index: Index,
  ) {
    super(embeddings, {});
    index.setEf(options.efSearch ?? DEFAULT_EF_SEARCH);
  }

  static create(embeddings: EmbeddingsInterface, options: HnswStoreOptions): HnswStore {
    const index = new HierarchicalNSW("cosine", options.dimensions);
    index.initIndex({
      maxElements: INITIAL_CAPACITY,
      m: options.m ?? 16,
      efConstruction: options.efConstruction ?? DEFAULT_EF_CONSTRUCTION,
      randomSeed: 100,
    });
    return new HnswStore(embeddings, options, index);
  }

  /**
   * Starts reading the graph saved in `directory` now, so the read (~0.4 s at 15k passages, on a libuv thread)
   * overlaps whatever the caller does before it calls `load` on the same directory. The caller must have checked
   * the file against its manifest record first, as a load would. `releasePrefetch` drops one that went unused.
   */
  static prefetch(directory: string, dimensions: number): void {
    abandon(prefetched);
    prefetched = startGraphRead(path.join(directory, INDEX_FILE), dimensions);
  }

  static releasePrefetch(): void {
    abandon(prefetched);
    prefetched = undefined;
  }

  /** Reads a directory written by `save`. Throws if the files are missing or unreadable: callers rebuild. */
  static override async load(directory: string, embeddings: EmbeddingsInterface, options?: Partial<HnswStoreOptions>): Promise<HnswStore> {
    // hnswlib reads the graph on a libuv thread: when the caller expects the dimensions, the docstore is read and
    // parsed on this thread meanwhile instead of after it (the two are most of opening an index). The saved
    // dimensions still win: on a mismatch the graph is read again with them.
    const expected = options?.dimensions;
    const file = path.join(directory, INDEX_FILE);
    let early: GraphRead | undefined;
    if (prefetched?.file === file && prefetched.dimensions === expected) early = prefetched;
    else if (expected !== undefined) early = startGraphRead(file, expected);
    if (early === prefetched) prefetched = undefined;
    const reading = early?.reading;
    let docstore: Docstore;
    try {
      docstore = await readDocstore(path.join(directory, DOCSTORE_FILE));
    } catch (error) {
      // The native read writes into `early` until it settles: it must not be dropped (and collected) before then.
      await reading?.catch(() => undefined);
      throw error;
    }
    let index: Index;
    if (early && reading && docstore.dimensions === expected) {
      await reading;
      index = early.index;
    } else {
      await reading?.catch(() => undefined);
      index = new HierarchicalNSW("cosine", docstore.dimensions);
      await index.readIndex(path.join(directory, INDEX_FILE));
    }
    const store = new HnswStore(embeddings, { ...options, dimensions: docstore.dimensions }, index);
    for (const [label, doc] of docstore.documents) {
      store.documents.set(label, doc);
      store.nextLabel = Math.max(store.nextLabel, label + 1);
    }
    store.nextLabel = Math.max(store.nextLabel, index.getCurrentCount());
    return store;
  }

  _vectorstoreType(): string {
    return "sitrep-hnswlib";
  }

  get size(): number {
    return this.documents.size;
  }

  /** Labels marked deleted but still occupying the graph; a high share is a reason to rebuild. */
  get deletedCount(): number {
    return this.index.getCurrentCount() - this.documents.size;
  }

  async addDocuments(documents: DocumentInterface[]): Promise<string[]> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    return this.addVectors(vectors, documents);
  }

  addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<string[]> {
    if (vectors.length !== documents.length) {
      return Promise.reject(new Error(`addVectors: ${vectors.length} vectors for ${documents.length} documents`));
    }
    // Checked before anything is added, so a bad batch leaves the store as it was.
    const wrong = vectors.find((v) => v.length !== this.options.dimensions);
    if (wrong) return Promise.reject(new Error(`vector of ${wrong.length} dimensions, index has ${this.options.dimensions}`));
    const needed = this.index.getCurrentCount() + vectors.length;
    if (needed > this.index.getMaxElements()) {
      this.index.resizeIndex(Math.max(needed, this.index.getMaxElements() * 2));
    }
    const ids: string[] = [];
    vectors.forEach((vector, i) => {
      const label = this.nextLabel++;
      this.index.addPoint(vector, label);
      const doc = documents[i]!;
      this.documents.set(label, new Document({ pageContent: doc.pageContent, metadata: { ...doc.metadata } }));
      ids.push(String(label));
    });
    return Promise.resolve(ids);
  }

  /**
   * Makes room for `count` more vectors at once. Growing by doubling as vectors arrive reallocates the graph several
   * times and can leave up to twice the needed capacity (at 15k passages: 16384 slots, with the old and the new block
   * both alive during the last copy); an ingest knows how many passages it will add.
   */
  reserve(count: number): void {
    const needed = this.index.getCurrentCount() + count;
    if (needed > this.index.getMaxElements()) this.index.resizeIndex(needed);
  }

  override delete(params?: { ids?: readonly string[] }): Promise<void> {
    for (const id of params?.ids ?? []) {
      const label = Number(id);
      if (this.documents.delete(label)) this.index.markDelete(label);
    }
    return Promise.resolve();
  }

  similaritySearchVectorWithScore(query: number[], k: number, filter?: this["FilterType"]): Promise<[DocumentInterface, number][]> {
    const wanted = Math.min(k, this.documents.size);
    if (wanted <= 0) return Promise.resolve([]);
    if (query.length !== this.options.dimensions) {
      return Promise.reject(new Error(`query of ${query.length} dimensions, index has ${this.options.dimensions}`));
    }
    // A filter that throws inside hnswlib's native loop aborts the whole process, so it must never throw.
    const labelFilter = filter
      ? (label: number): boolean => {
          const doc = this.documents.get(label);
          try {
            return doc !== undefined && filter(doc);
          } catch {
            return false;
          }
        }
      : undefined;
    const result = this.index.searchKnn(query, wanted, labelFilter);
    const hits: [DocumentInterface, number][] = [];
    result.neighbors.forEach((label, i) => {
      const doc = this.documents.get(label);
      if (doc) hits.push([doc, 1 - (result.distances[i] ?? 1)]);
    });
    return Promise.resolve(hits);
  }

  /** The stored (unit-length) vector of a label, for exact re-scoring and recall measurements. */
  vectorOf(label: number): number[] {
    return this.index.getPoint(label);
  }

  labels(): number[] {
    return [...this.documents.keys()];
  }

  documentOf(label: number): DocumentInterface | undefined {
    return this.documents.get(label);
  }

  async save(directory: string): Promise<void> {
    await mkdir(directory, { recursive: true });
    // hnswlib writes in place; writing a temp name and renaming keeps a reader from seeing half a file.
    const temp = path.join(directory, `${INDEX_FILE}.tmp`);
    await this.index.writeIndex(temp);
    await rename(temp, path.join(directory, INDEX_FILE));
    const documents = [...this.documents.entries()];
    const offsets = new Uint32Array(documents.length + 1);
    documents.forEach(([, doc], i) => (offsets[i + 1] = offsets[i]! + utf8Length(doc)));
    const header: DocstoreHeader = {
      dimensions: this.options.dimensions,
      labels: documents.map(([label]) => label),
      metadata: documents.map(([, doc]) => doc.metadata as Record<string, unknown>),
      textOffsets: "utf8",
    };
    // Each text is encoded as the writer reaches it: the whole docstore never exists as one more string or buffer.
    function* body(): Generator<ArrayBufferView> {
      yield offsets;
      for (const [, doc] of documents) yield utf8Of(doc);
    }
    await writeWithHeaderAtomic(path.join(directory, DOCSTORE_FILE), header, body());
  }
}
