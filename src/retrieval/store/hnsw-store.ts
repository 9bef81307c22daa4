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
  /** [label, the label of the graph point it shares] for each twin (see HnswStore); absent in files from before. */
  readonly twins?: [number, number][];
}

interface Docstore {
  readonly dimensions: number;
  readonly documents: [number, DocumentInterface][];
  readonly twins: [number, number][];
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
  const twins = decoded.header.twins ?? [];
  if (!Number.isInteger(dimensions) || !Array.isArray(labels) || !Array.isArray(metadata) || metadata.length !== labels.length || !Array.isArray(twins)) {
    throw new Error(`${DOCSTORE_FILE} has an unexpected header`);
  }
  const offsetsBytes = (labels.length + 1) * 4;
  if (decoded.byteLength < decoded.offset + offsetsBytes) throw new Error(`${DOCSTORE_FILE} is truncated`);
  const offsets = new Uint32Array(decoded.buffer, decoded.offset, labels.length + 1);
  const body = Buffer.from(decoded.buffer, decoded.offset + offsetsBytes, decoded.byteLength - decoded.offset - offsetsBytes);
  if (textOffsets === "utf8") {
    if (body.length !== offsets[labels.length]) throw new Error(`${DOCSTORE_FILE} has the wrong length`);
    return { dimensions, twins, documents: labels.map((label, i) => [label, new StoredDocument(body, offsets[i]!, offsets[i + 1]!, metadata[i]!)]) };
  }
  const all = body.toString("utf8");
  if (all.length !== offsets[labels.length]) throw new Error(`${DOCSTORE_FILE} has the wrong length`);
  return {
    dimensions,
    twins,
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

/** Above this cosine, a vector is taken to be one already in the graph (the same text gives the same vector). */
const TWIN_COSINE = 1 - 1e-6;

/**
 * A LangChain vector store over hnswlib (cosine space), persisted to a directory. Each document gets a numeric
 * label; ids returned by addVectors are those labels as strings, and `delete({ ids })` marks them deleted.
 *
 * A vector identical to one already in the graph is not inserted again: its document becomes a *twin* of that graph
 * point, found wherever the point is. hnswlib fills a point's neighbour lists with its identical copies (its pruning
 * heuristic keeps candidates at distance 0), so a corpus holding each passage 16 times (the benchmark's x16, or the
 * same wire story filed under many names) broke the graph into islands: recall@10 fell to 0.79.
 */
export class HnswStore extends SaveableVectorStore {
  declare FilterType: (doc: DocumentInterface) => boolean;

  private readonly documents = new Map<number, DocumentInterface>();
  /** A twin's label -> the label of the graph point it shares. Labels not here are their own point. */
  private readonly pointOf = new Map<number, number>();
  /** A graph point with twins -> the live labels it stands for (its own label while its document lives, first). */
  private readonly membersOf = new Map<number, number[]>();
  /** Graph points by a digest of their vector, to find an identical one; made at the first insertion after a load. */
  private byDigest: Map<number, number[]> | undefined;
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
    for (const [label, point] of docstore.twins) {
      if (store.documents.has(label)) store.joinPoint(label, point);
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

  /** Points in the graph, deleted ones included: fewer than the documents when some are twins. */
  get graphPoints(): number {
    return this.index.getCurrentCount();
  }

  /** Graph points marked deleted but still occupying the graph; a high share is a reason to rebuild. */
  get deletedCount(): number {
    return this.index.getCurrentCount() - this.livePoints;
  }

  /** Graph points that stand for a live document: its own, or its twins' when it was deleted. */
  private get livePoints(): number {
    let orphans = 0;
    for (const point of this.membersOf.keys()) if (!this.documents.has(point)) orphans++;
    return this.documents.size - this.pointOf.size + orphans;
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
      const digest = digestOf(vector);
      const twin = this.identicalPoint(vector, digest);
      if (twin === undefined) {
        this.index.addPoint(vector, label);
        this.remember(digest, label);
      } else this.joinPoint(label, twin);
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
      if (!this.documents.delete(label)) continue;
      const point = this.pointOf.get(label) ?? label;
      this.pointOf.delete(label);
      const members = this.membersOf.get(point)?.filter((member) => member !== label);
      if (members === undefined || members.length === 0) {
        this.membersOf.delete(point);
        this.forget(point);
        this.index.markDelete(point);
      } else this.membersOf.set(point, members);
    }
    return Promise.resolve();
  }

  /** Makes `label` a twin of the graph point `point`. */
  private joinPoint(label: number, point: number): void {
    this.pointOf.set(label, point);
    const members = this.membersOf.get(point) ?? (this.documents.has(point) ? [point] : []);
    members.push(label);
    this.membersOf.set(point, members);
  }

  /** The live labels a graph point stands for. */
  private labelsAt(point: number): readonly number[] {
    return this.membersOf.get(point) ?? (this.documents.has(point) ? [point] : []);
  }

  /** A live graph point holding the same vector, if there is one. */
  private identicalPoint(vector: readonly number[], digest: number): number | undefined {
    const candidates = this.digests().get(digest);
    if (!candidates) return undefined;
    return candidates.find((point) => cosine(vector, this.index.getPoint(point)) >= TWIN_COSINE);
  }

  private digests(): Map<number, number[]> {
    if (!this.byDigest) {
      this.byDigest = new Map();
      // After a load: the graph's live points, read back once (~20 µs each), only when something is added.
      const points = new Set([...this.documents.keys()].map((label) => this.pointOf.get(label) ?? label));
      for (const point of this.membersOf.keys()) points.add(point);
      for (const point of points) this.remember(digestOf(this.index.getPoint(point)), point);
    }
    return this.byDigest;
  }

  private remember(digest: number, point: number): void {
    const digests = this.digests();
    const points = digests.get(digest);
    if (points) points.push(point);
    else digests.set(digest, [point]);
  }

  /** Before the point is marked deleted: hnswlib no longer gives a deleted point's vector. */
  private forget(point: number): void {
    if (!this.byDigest) return;
    const key = digestOf(this.index.getPoint(point));
    const points = this.byDigest.get(key)?.filter((p) => p !== point) ?? [];
    if (points.length > 0) this.byDigest.set(key, points);
    else this.byDigest.delete(key);
  }

  similaritySearchVectorWithScore(query: number[], k: number, filter?: this["FilterType"]): Promise<[DocumentInterface, number][]> {
    const wanted = Math.min(k, this.documents.size);
    if (wanted <= 0) return Promise.resolve([]);
    if (query.length !== this.options.dimensions) {
      return Promise.reject(new Error(`query of ${query.length} dimensions, index has ${this.options.dimensions}`));
    }
    // A filter that throws inside hnswlib's native loop aborts the whole process, so it must never throw.
    const passes = (label: number): boolean => {
      const doc = this.documents.get(label);
      try {
        return doc !== undefined && (!filter || filter(doc));
      } catch {
        return false;
      }
    };
    const pointFilter = filter ? (point: number): boolean => this.labelsAt(point).some(passes) : undefined;
    // hnswlib rejects a k above its capacity, which twins let the documents outnumber; fewer live points is fine.
    const result = this.index.searchKnn(query, Math.min(wanted, this.index.getMaxElements()), pointFilter);
    const hits: [DocumentInterface, number][] = [];
    result.neighbors.forEach((point, i) => {
      for (const label of this.labelsAt(point)) {
        if (hits.length < wanted && passes(label)) hits.push([this.documents.get(label)!, 1 - (result.distances[i] ?? 1)]);
      }
    });
    return Promise.resolve(hits);
  }

  /** The stored (unit-length) vector of a label, for exact re-scoring and recall measurements. */
  vectorOf(label: number): number[] {
    return this.index.getPoint(this.pointOf.get(label) ?? label);
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
      ...(this.pointOf.size > 0 ? { twins: [...this.pointOf] } : {}),
    };
    // Each text is encoded as the writer reaches it: the whole docstore never exists as one more string or buffer.
    function* body(): Generator<ArrayBufferView> {
      yield offsets;
      for (const [, doc] of documents) yield utf8Of(doc);
    }
    await writeWithHeaderAtomic(path.join(directory, DOCSTORE_FILE), header, body());
  }
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
}

/**
 * A hash of a vector's direction, the same for the vector given and for hnswlib's float32 copy of it at unit length:
 * components are rounded to 1e-4 first (a rare rounding split only costs a twin its sharing, never a wrong match).
 */
function digestOf(vector: readonly number[]): number {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const scale = sum > 0 ? 1e4 / Math.sqrt(sum) : 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < vector.length; i++) {
    const rounded = Math.round(vector[i]! * scale);
    if (rounded === 0) continue;
    hash = Math.imul(hash ^ i, 0x01000193);
    hash = Math.imul(hash ^ rounded, 0x01000193);
  }
  return hash >>> 0;
}
