import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { hash32 } from "./embeddings/hashing.js";
import { SignatureSpool } from "./signature-spool.js";
import { writeWithHeaderAtomic } from "./store/binary-file.js";

export const SIGNATURES_FILE = "signatures.bin";
/** Features kept per passage: the heaviest ones carry nearly all of a passage's cosine with any question. */
export const SIGNATURE_FEATURES = 512;
/** Signatures read from the file and kept for the next question; each is ~4 KB. */
const CACHE_LIMIT = 4096;
/** Pairs of passages whose overlap is remembered (~100 bytes each). */
const OVERLAP_CACHE_LIMIT = 20_000;

export interface Signature {
  readonly keys: Uint32Array;
  readonly weights: Float32Array;
  /** Length of the passage's full (untruncated) feature vector, so cosines keep their true scale. */
  readonly norm: number;
}

/** A question's features, hashed and sorted by key like the signatures, ready to be compared with many passages. */
export interface QuerySignature {
  readonly keys: Uint32Array;
  readonly weights: Float64Array;
  readonly norm: number;
}

export function querySignature(features: ReadonlyMap<string, number>): QuerySignature {
  const byKey = new Map<number, number>();
  let norm = 0;
  for (const [feature, weight] of features) {
    const key = hash32(feature);
    byKey.set(key, (byKey.get(key) ?? 0) + weight);
    norm += weight * weight;
  }
  const keys = Uint32Array.from(byKey.keys()).sort();
  return { keys, weights: Float64Array.from(keys, (key) => byKey.get(key)!), norm: Math.sqrt(norm) };
}

/**
 * Dot product of two sparse vectors given as keys sorted ascending with their weights, by one merge. Both sides of a
 * question-passage cosine are sorted, so 40 candidates cost a merge each rather than 512 map lookups each.
 */
function sortedDot(aKeys: Uint32Array, aWeights: ArrayLike<number>, bKeys: Uint32Array, bWeights: ArrayLike<number>): number {
  let dot = 0;
  for (let i = 0, j = 0; i < aKeys.length && j < bKeys.length; ) {
    const a = aKeys[i]!;
    const b = bKeys[j]!;
    if (a === b) dot += aWeights[i++]! * bWeights[j++]!;
    else if (a < b) i++;
    else j++;
  }
  return dot;
}

/** A passage's heaviest features, hashed and sorted by key, and the length of all of them. */
export function signatureOf(features: ReadonlyMap<string, number>): Signature {
  const keys = new Uint32Array(features.size);
  const weights = new Float64Array(features.size);
  let i = 0;
  for (const [feature, weight] of features) {
    keys[i] = hash32(feature);
    weights[i++] = weight;
  }
  return signatureOfHashed(keys, weights);
}

/**
 * signatureOf for features already hashed (keys[i] = hash32 of feature i, in the map's order). Keeps the
 * SIGNATURE_FEATURES heaviest (ties: the earlier feature), sorted by key so two signatures compare by a merge.
 */
export function signatureOfHashed(keys: Uint32Array, weights: Float64Array): Signature {
  const n = keys.length;
  let norm = 0;
  for (let i = 0; i < n; i++) norm += weights[i]! * weights[i]!;
  let chosen: Uint32Array;
  if (n <= SIGNATURE_FEATURES) {
    chosen = new Uint32Array(n);
    for (let i = 0; i < n; i++) chosen[i] = i;
  } else {
    // The cut-off weight first, then one pass to pick: no sort of tuples.
    const cut = kthSmallest(weights, n - SIGNATURE_FEATURES);
    chosen = new Uint32Array(SIGNATURE_FEATURES);
    let count = 0;
    for (let i = 0; i < n; i++) if (weights[i]! > cut) chosen[count++] = i;
    for (let i = 0; i < n && count < SIGNATURE_FEATURES; i++) if (weights[i] === cut) chosen[count++] = i;
  }
  const order = byKey(chosen, keys, weights);
  const signature = { keys: new Uint32Array(order.length), weights: new Float32Array(order.length), norm: Math.sqrt(norm) };
  for (let at = 0; at < order.length; at++) {
    signature.keys[at] = keys[order[at]!]!;
    signature.weights[at] = weights[order[at]!]!;
  }
  return signature;
}

/**
 * `chosen` (feature indices) ordered by key, then heavier first, then earlier first. A radix sort on the keys, a byte
 * at a time, brings equal keys together; equal keys (two features hashing alike) are rare, and their runs are then
 * sorted by weight and index. A comparator sort of 512 indices took ~80 µs a passage, most of a signature's cost.
 */
function byKey(chosen: Uint32Array, keys: Uint32Array, weights: Float64Array): Uint32Array {
  let from: Uint32Array = chosen;
  let to: Uint32Array = new Uint32Array(chosen.length);
  const counts = new Uint32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let at = 0; at < from.length; at++) counts[(keys[from[at]!]! >>> shift) & 255]!++;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const count = counts[b]!;
      counts[b] = sum;
      sum += count;
    }
    for (let at = 0; at < from.length; at++) {
      const i = from[at]!;
      to[counts[(keys[i]! >>> shift) & 255]!++] = i;
    }
    [from, to] = [to, from];
  }
  for (let start = 0; start < from.length; ) {
    let end = start + 1;
    while (end < from.length && keys[from[end]!] === keys[from[start]!]) end++;
    if (end - start > 1) from.subarray(start, end).sort((a, b) => weights[b]! - weights[a]! || a - b);
    start = end;
  }
  return from;
}

/** The k-th smallest (from 0) of `values`, by quickselect on a copy: a full sort only to find the cut cost ~55 µs. */
function kthSmallest(values: Float64Array, k: number): number {
  const a = values.slice();
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const swapped = a[i]!;
        a[i++] = a[j]!;
        a[j--] = swapped;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/**
 * signatures.bin's header. Format 2: the passage ids, then in the body each passage's feature count (Uint32) and norm
 * (Float64), then all keys, then all weights. The first format's header was one [id, count, norm] row per passage:
 * parsing 15k rows and making an entry object for each took ~60 ms of every start; it is still read.
 */
interface SignaturesHeader {
  readonly format: 2;
  readonly ids: string[];
}

type FirstFormatHeader = [string, number, number][];

function isFirstFormat(header: unknown): header is FirstFormatHeader {
  return Array.isArray(header);
}

/**
 * A saved signatures file held open: a question needs the signatures of ~50 candidates, so they are read one by one
 * when asked for instead of loading all of them (63 MB at 15k passages, most of a second) at start-up. Only the
 * table of contents is in memory: each passage's row, and per row its count, norm and first feature.
 */
class SignatureFile {
  private static readonly closer = new FinalizationRegistry<number>((fd) => closeSync(fd));

  private constructor(
    private readonly fd: number,
    /** Passage id -> row. */
    readonly entries: Map<string, number>,
    private readonly counts: Uint32Array,
    private readonly norms: Float64Array,
    private readonly starts: Float64Array,
    private readonly keysAt: number,
    private readonly weightsAt: number,
  ) {}

  /** Throws if the file is missing or malformed: the caller rebuilds the index. */
  static open(file: string, owner: object): SignatureFile {
    const fd = openSync(file, "r");
    try {
      const length = Buffer.alloc(4);
      if (readSync(fd, length, 0, 4, 0) !== 4) throw new Error("signatures file is truncated");
      const headerLength = length.readUInt32LE(0);
      const header = Buffer.alloc(headerLength);
      if (readSync(fd, header, 0, headerLength, 4) !== headerLength) throw new Error("signatures file is truncated");
      const parsed = JSON.parse(header.toString("utf8")) as SignaturesHeader | FirstFormatHeader;
      const ids = isFirstFormat(parsed) ? parsed.map(([id]) => id) : parsed.ids;
      if (!Array.isArray(ids)) throw new Error("signatures file has an unexpected header");
      const counts = new Uint32Array(ids.length);
      const norms = new Float64Array(ids.length);
      let tablesAt = 4 + headerLength;
      if (isFirstFormat(parsed)) {
        parsed.forEach(([, count, norm], row) => {
          counts[row] = count;
          norms[row] = norm;
        });
      } else {
        const read = readSync(fd, counts, 0, counts.byteLength, tablesAt) + readSync(fd, norms, 0, norms.byteLength, tablesAt + counts.byteLength);
        if (read !== counts.byteLength + norms.byteLength) throw new Error("signatures file is truncated");
        tablesAt += counts.byteLength + norms.byteLength;
      }
      const entries = new Map<string, number>();
      const starts = new Float64Array(ids.length);
      let total = 0;
      ids.forEach((id, row) => {
        entries.set(id, row);
        starts[row] = total;
        total += counts[row]!;
      });
      if (fstatSync(fd).size !== tablesAt + total * 8) throw new Error("signatures file has the wrong size");
      const opened = new SignatureFile(fd, entries, counts, norms, starts, tablesAt, tablesAt + total * 4);
      // The engine holding this may be replaced by a freshly opened one at any time; the descriptor goes with it.
      SignatureFile.closer.register(owner, fd, opened);
      return opened;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** For an owner that moves on to another file while it lives on. */
  close(): void {
    SignatureFile.closer.unregister(this);
    closeSync(this.fd);
  }

  describe(row: number): { readonly count: number; readonly norm: number } {
    return { count: this.counts[row]!, norm: this.norms[row]! };
  }

  read(row: number): Signature {
    const keys = new Uint32Array(this.counts[row]!);
    const weights = new Float32Array(keys.length);
    const at = this.starts[row]!;
    readSync(this.fd, keys, 0, keys.byteLength, this.keysAt + at * 4);
    readSync(this.fd, weights, 0, weights.byteLength, this.weightsAt + at * 4);
    return { keys, weights, norm: this.norms[row]! };
  }
}

/**
 * The exact (unhashed into few dimensions) WordNet-expanded features of every passage, cut to the heaviest few and
 * saved with the index, so re-scoring 40 candidates costs a few thousand lookups instead of re-analysing their text.
 * Signatures added in this process live in memory; those of a loaded index stay in its file until asked for.
 */
export class PassageSignatures {
  private readonly byPassage = new Map<string, Signature>();
  private file: SignatureFile | undefined;
  private readonly cache = new Map<string, Signature>();
  /** overlap() by pair of passage ids; emptied whenever a signature changes. */
  private readonly overlaps = new Map<string, number>();
  private readonly spool: SignatureSpool | undefined;

  /** With `spoolIn` (a writable directory), signatures added before the next save wait in a scratch file there. */
  constructor(options: { readonly spoolIn?: string } = {}) {
    this.spool = options.spoolIn === undefined ? undefined : new SignatureSpool(options.spoolIn, this);
  }

  set(passageId: string, features: ReadonlyMap<string, number>): void {
    this.setSignature(passageId, signatureOf(features));
  }

  /** Stores a signature computed elsewhere (by signatureOf, possibly in another thread). */
  setSignature(passageId: string, signature: Signature): void {
    this.file?.entries.delete(passageId);
    this.cache.delete(passageId);
    this.overlaps.clear();
    if (this.spool) this.spool.add(passageId, signature);
    else this.byPassage.set(passageId, signature);
  }

  deleteDocument(docId: string): void {
    const prefix = `${docId}#`;
    this.overlaps.clear();
    for (const map of [this.byPassage, this.cache, this.file?.entries ?? new Map<string, unknown>()]) {
      for (const id of map.keys()) if (id.startsWith(prefix)) map.delete(id);
    }
    if (this.spool) for (const id of [...this.spool.ids()]) if (id.startsWith(prefix)) this.spool.delete(id);
  }

  get size(): number {
    return this.byPassage.size + (this.spool?.size ?? 0) + (this.file?.entries.size ?? 0);
  }

  private get(passageId: string): Signature | undefined {
    const held = this.byPassage.get(passageId) ?? this.cache.get(passageId);
    if (held) return held;
    const signature = this.spool?.read(passageId) ?? this.readFromFile(passageId);
    if (!signature) return undefined;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(passageId, signature);
    return signature;
  }

  private describe(passageId: string): { readonly count: number; readonly norm: number } {
    const held = this.byPassage.get(passageId);
    if (held) return { count: held.keys.length, norm: held.norm };
    return this.spool?.describe(passageId) ?? this.file!.describe(this.file!.entries.get(passageId)!);
  }

  private readFromFile(passageId: string): Signature | undefined {
    const row = this.file?.entries.get(passageId);
    return row === undefined ? undefined : this.file!.read(row);
  }

  cosine(query: QuerySignature, passageId: string): number {
    const signature = this.get(passageId);
    if (!signature || signature.norm === 0 || query.norm === 0) return 0;
    return sortedDot(query.keys, query.weights, signature.keys, signature.weights) / (signature.norm * query.norm);
  }

  /**
   * Cosine of two passages' signatures: how much they say the same thing (for diversifying results). Remembered by
   * pair (it is symmetric, to the bit): the passages that answer a story's questions come up together again and again,
   * and each pair's merge of two 512-key lists, cold in the CPU's caches, costs ~7 µs.
   */
  overlap(a: string, b: string): number {
    const pair = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const known = this.overlaps.get(pair);
    if (known !== undefined) return known;
    const x = this.get(a);
    const y = this.get(b);
    const overlap = !x || !y || x.norm === 0 || y.norm === 0 ? 0 : sortedDot(x.keys, x.weights, y.keys, y.weights) / (x.norm * y.norm);
    if (this.overlaps.size >= OVERLAP_CACHE_LIMIT) this.overlaps.clear();
    this.overlaps.set(pair, overlap);
    return overlap;
  }

  /**
   * Writes every live signature to `directory`, one at a time (keys of all, then weights of all), and from then on
   * reads them from that file, as a freshly loaded index would: what was added since the last save leaves memory.
   */
  async save(directory: string): Promise<void> {
    const ids = [...(this.file?.entries.keys() ?? []), ...(this.spool?.ids() ?? []), ...this.byPassage.keys()];
    const signature = (id: string): Signature => this.byPassage.get(id) ?? this.spool?.read(id) ?? this.readFromFile(id)!;
    const counts = new Uint32Array(ids.length);
    const norms = new Float64Array(ids.length);
    ids.forEach((id, row) => {
      const { count, norm } = this.describe(id);
      counts[row] = count;
      norms[row] = norm;
    });
    const header: SignaturesHeader = { format: 2, ids };
    function* arrays(): Generator<ArrayBufferView> {
      yield counts;
      yield norms;
      for (const id of ids) yield signature(id).keys;
      for (const id of ids) yield signature(id).weights;
    }
    const target = path.join(directory, SIGNATURES_FILE);
    await writeWithHeaderAtomic(target, header, arrays());
    const saved = SignatureFile.open(target, this);
    this.file?.close();
    this.file = saved;
    this.byPassage.clear();
    this.spool?.close();
  }

  /** Opens a saved file, reading only its table of contents. Throws if it is missing or malformed: the caller rebuilds. */
  static load(directory: string, options: { readonly spoolIn?: string } = {}): Promise<PassageSignatures> {
    // An error thrown in the executor rejects the promise.
    return new Promise((resolve) => {
      const signatures = new PassageSignatures(options);
      signatures.file = SignatureFile.open(path.join(directory, SIGNATURES_FILE), signatures);
      resolve(signatures);
    });
  }
}
