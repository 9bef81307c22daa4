import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../store/atomic-file.js";
import { decodeWithHeader, encodeWithHeader } from "../store/binary-file.js";
import { isStopword, stem, words } from "../text/terms.js";

export const LEXICAL_FILE = "lexical.bin";

export interface LexicalHit {
  readonly id: string;
  readonly score: number;
  /** Query stems found in the passage. */
  readonly matched: readonly string[];
}

interface Entry {
  readonly id: string;
  readonly text: string;
  /** The document's title: indexed too, at a lower weight, since it says what every paragraph is about. */
  readonly title: string;
}

interface Postings {
  readonly docs: number[] | Uint32Array;
  readonly tfs: number[] | Float32Array;
}

/**
 * The postings of a loaded file, left in its buffer: a list is viewed when a query needs it. Two typed-array views
 * and an object per term (22k at 15k passages) made at every start took ~50 ms and 5 MB of heap for the few terms a
 * question reads.
 */
interface SavedPostings {
  /** Term -> its index in `starts`. */
  readonly terms: Map<string, number>;
  /** Where each term's documents begin in `docs` and `tfs`, and where the last one ends. */
  readonly starts: Uint32Array;
  readonly docs: Uint32Array;
  readonly tfs: Float32Array;
}

const TITLE_WEIGHT = 0.5;
const K1 = 1.2;
const B = 0.75;

// Same analysis as the embedder (lower-case, stopwords out, Porter stems), so "Korean" and "korean" are one term.
function termsOf(text: string): string[] {
  return words(text)
    .filter((w) => !isStopword(w))
    .map(stem);
}

/**
 * BM25 over passages. Written here rather than taken from minisearch because the index must reload in milliseconds:
 * minisearch can only be rebuilt or re-parsed from JSON, which takes seconds at 15k passages, and the CLI opens the
 * index for every question. Postings are saved as flat typed arrays with the vector index.
 */
export class LexicalIndex {
  private readonly ids: string[] = [];
  private readonly lengths: number[] = [];
  private readonly alive: boolean[] = [];
  private readonly byId = new Map<string, number>();
  /** Lists added to or changed in this process; the others are still in `saved`. */
  private readonly postings = new Map<string, Postings>();
  private saved: SavedPostings | undefined;
  private liveCount = 0;
  private liveLength = 0;
  /** Zero between queries. */
  private scores = new Float64Array(0);

  add(entries: readonly Entry[]): void {
    for (const entry of entries) {
      if (this.byId.has(entry.id)) this.remove([entry.id]);
      const doc = this.ids.length;
      const tfs = new Map<string, number>();
      for (const term of termsOf(entry.text)) tfs.set(term, (tfs.get(term) ?? 0) + 1);
      for (const term of termsOf(entry.title)) tfs.set(term, (tfs.get(term) ?? 0) + TITLE_WEIGHT);
      let length = 0;
      for (const [term, tf] of tfs) {
        length += tf;
        let list = this.list(term);
        if (!list || !Array.isArray(list.docs)) {
          list = { docs: list ? Array.from(list.docs) : [], tfs: list ? Array.from(list.tfs) : [] };
          this.postings.set(term, list);
        }
        (list.docs as number[]).push(doc);
        (list.tfs as number[]).push(tf);
      }
      this.ids.push(entry.id);
      this.lengths.push(length);
      this.alive.push(true);
      this.byId.set(entry.id, doc);
      this.liveCount++;
      this.liveLength += length;
    }
  }

  /** Removed passages stay in the postings but never score; the index is rebuilt whenever the corpus changes. */
  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const doc = this.byId.get(id);
      if (doc === undefined) continue;
      this.byId.delete(id);
      this.alive[doc] = false;
      this.liveCount--;
      this.liveLength -= this.lengths[doc] ?? 0;
    }
  }

  get size(): number {
    return this.liveCount;
  }

  /**
   * How many passages contain the stem. Removed passages still count until the index is next loaded, so the count
   * is capped at the live passages: an IDF computed from it never turns negative.
   */
  documentFrequency(stem: string): number {
    return Math.min(this.postings.get(stem)?.docs.length ?? this.savedCount(stem), this.liveCount);
  }

  /** How many postings the saved file has for a term, counted from its offsets without viewing the list. */
  private savedCount(term: string): number {
    const at = this.saved?.terms.get(term);
    return at === undefined ? 0 : this.saved!.starts[at + 1]! - this.saved!.starts[at]!;
  }

  /** Every stem the index has seen. */
  *stems(): IterableIterator<string> {
    yield* this.postings.keys();
    if (this.saved) for (const term of this.saved.terms.keys()) if (!this.postings.has(term)) yield term;
  }

  /** A term's postings: changed in this process, or a view of the saved file's. */
  private list(term: string): Postings | undefined {
    const own = this.postings.get(term);
    if (own || !this.saved) return own;
    const { terms, starts, docs, tfs } = this.saved;
    const at = terms.get(term);
    if (at === undefined) return undefined;
    return { docs: docs.subarray(starts[at], starts[at + 1]), tfs: tfs.subarray(starts[at], starts[at + 1]) };
  }

  query(text: string, k: number): LexicalHit[] {
    const n = this.liveCount;
    if (n === 0 || k <= 0) return [];
    const averageLength = this.liveLength / n || 1;
    const lists = new Map<string, Postings>();
    for (const term of new Set(termsOf(text))) {
      const list = this.list(term);
      if (list) lists.set(term, list);
    }
    const terms = [...lists.keys()];
    // Scores accumulate in a reused array, not a map per query: at 60k passages a common word's postings run to
    // thousands, and the map, its entries and the sort of every passage that matched anything were most of a query.
    const scores = this.scoreBuffer();
    const touched: number[] = [];
    for (const term of terms) {
      const list = lists.get(term)!;
      const df = this.documentFrequency(term);
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = 0; i < list.docs.length; i++) {
        const doc = list.docs[i]!;
        if (!this.alive[doc]) continue;
        const tf = list.tfs[i]!;
        const norm = tf + K1 * (1 - B + (B * (this.lengths[doc] ?? 0)) / averageLength);
        // Every addition is positive (df never exceeds the live count), so 0 means not yet scored.
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (idf * tf * (K1 + 1)) / norm;
      }
    }
    const best = bestOf(touched, scores, k);
    const hits = best.map((doc) => ({
      id: this.ids[doc]!,
      score: scores[doc]!,
      matched: terms.filter((term) => includesSorted(lists.get(term)!.docs, doc)),
    }));
    for (const doc of touched) scores[doc] = 0;
    return hits;
  }

  private scoreBuffer(): Float64Array {
    if (this.scores.length < this.ids.length) this.scores = new Float64Array(Math.max(this.ids.length, 2 * this.scores.length));
    return this.scores;
  }

  async save(directory: string): Promise<void> {
    const live = this.ids.map((_, doc) => doc).filter((doc) => this.alive[doc]);
    const renumber = new Map(live.map((doc, i) => [doc, i]));
    const terms: [string, number][] = [];
    const docs: number[] = [];
    const tfs: number[] = [];
    for (const term of this.stems()) {
      const list = this.list(term)!;
      let count = 0;
      for (let i = 0; i < list.docs.length; i++) {
        const doc = renumber.get(list.docs[i]!);
        if (doc === undefined) continue;
        docs.push(doc);
        tfs.push(list.tfs[i]!);
        count++;
      }
      if (count > 0) terms.push([term, count]);
    }
    const body = [Float32Array.from(live, (doc) => this.lengths[doc]!), Uint32Array.from(docs), Float32Array.from(tfs)];
    await writeFileAtomic(path.join(directory, LEXICAL_FILE), encodeWithHeader({ ids: live.map((doc) => this.ids[doc]), terms }, body));
  }

  /** Throws if the file is missing or malformed: the caller rebuilds the index. */
  static async load(directory: string): Promise<LexicalIndex> {
    const file = decodeWithHeader<{ ids: string[]; terms: [string, number][] }>(await readFile(path.join(directory, LEXICAL_FILE)));
    const { ids, terms } = file.header;
    const postingCount = terms.reduce((sum, [, count]) => sum + count, 0);
    let at = file.offset;
    if (file.byteLength !== at + ids.length * 4 + postingCount * 8) throw new Error("lexical index has the wrong size");
    const lengths = new Float32Array(file.buffer, at, ids.length);
    at += ids.length * 4;
    const docs = new Uint32Array(file.buffer, at, postingCount);
    const tfs = new Float32Array(file.buffer, at + postingCount * 4, postingCount);
    const index = new LexicalIndex();
    ids.forEach((id, doc) => {
      index.ids.push(id);
      index.lengths.push(lengths[doc]!);
      index.alive.push(true);
      index.byId.set(id, doc);
      index.liveLength += lengths[doc]!;
    });
    index.liveCount = ids.length;
    const termIndex = new Map<string, number>();
    const starts = new Uint32Array(terms.length + 1);
    terms.forEach(([term, count], i) => {
      termIndex.set(term, i);
      starts[i + 1] = starts[i]! + count;
    });
    index.saved = { terms: termIndex, starts, docs, tfs };
    return index;
  }
}

/** The k highest-scoring documents, best first (ties: the earlier document), without sorting all of them. */
function bestOf(docs: readonly number[], scores: Float64Array, k: number): number[] {
  // A heap of the best k so far with the worst of them at the root.
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  const siftDown = (from: number): void => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && worse(heap[left]!, heap[worst]!)) worst = left;
      if (right < heap.length && worse(heap[right]!, heap[worst]!)) worst = right;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
      at = worst;
    }
  };
  for (const doc of docs) {
    if (heap.length < k) {
      heap.push(doc);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!worse(heap[at]!, heap[parent]!)) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (worse(heap[0]!, doc)) {
      heap[0] = doc;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}

/** Postings list documents in the order they were added, which is increasing. */
function includesSorted(docs: ArrayLike<number>, doc: number): boolean {
  let low = 0;
  let high = docs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = docs[middle]!;
    if (value === doc) return true;
    if (value < doc) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
