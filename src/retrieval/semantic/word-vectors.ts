import { readFileSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { decodeWithHeader, writeWithHeaderAtomic } from "../store/binary-file.js";
import { findWord, packWords, type WordTable } from "../store/word-table.js";
import type { WordVectorTable } from "./soft-match.js";
import { ClosestKernel, kernelMemory, type KernelMemory, type KernelTableLayout } from "./closest-kernel.js";

/** Version 3 hashes words with hash32: a file of an older version is rebuilt by the install script. */
const FORMAT = "sitrep-word-vectors/3";

interface Header {
  readonly format: string;
  readonly source: string;
  readonly dimensions: number;
  readonly count: number;
  readonly slots: number;
}

export interface WordVectorEntry {
  readonly word: string;
  /** Position in the source's frequency order, 0 for the commonest word. */
  readonly rank: number;
  readonly values: ArrayLike<number>;
}

/**
 * Writes word vectors in the form PackedWordVectors reads: unit vectors in 8 bits a dimension (a quarter of float32;
 * cosines move by under 0.01), an open-addressing hash table of the words, and the words themselves.
 */
export async function writeWordVectors(file: string, source: string, dimensions: number, entries: readonly WordVectorEntry[]): Promise<void> {
  const count = entries.length;
  const ranks = new Uint32Array(count);
  const vectors = new Int8Array(count * dimensions);
  const scales = new Float32Array(count);
  entries.forEach((entry, i) => {
    let norm = 0;
    for (let d = 0; d < dimensions; d++) norm += (entry.values[d] ?? 0) ** 2;
    norm = Math.sqrt(norm) || 1;
    let packedNorm = 0;
    for (let d = 0; d < dimensions; d++) {
      const packed = Math.round((127 * (entry.values[d] ?? 0)) / norm);
      vectors[i * dimensions + d] = packed;
      packedNorm += packed * packed;
    }
    // What brings the 8-bit values back to unit length: rounding moved them off it.
    scales[i] = packedNorm > 0 ? 1 / Math.sqrt(packedNorm) : 0;
    ranks[i] = entry.rank;
  });
  const words = packWords(entries.map((entry) => entry.word));
  const header: Header = { format: FORMAT, source, dimensions, count, slots: words.slots.length };
  await writeWithHeaderAtomic(file, header, [words.slots, words.starts, ranks, scales, vectors, words.text]);
}

/**
 * A word vectors file read whole (~12 MB for 100k words) and looked up in place through its hash table: nothing is
 * parsed or built at start-up.
 */
export class PackedWordVectors implements WordVectorTable {
  readonly dimensions: number;
  readonly source: string;
  private readonly words: WordTable;
  private readonly ranks: Uint32Array;
  private readonly packed: Int8Array;
  /** Per row, what brings its 8-bit values back to unit length. */
  private readonly scales: Float32Array;
  /** WordVectorTable.closest, by the WebAssembly kernel, when the file was read into its memory (see load). */
  readonly closest: ((vector: Float32Array, rows: Int32Array) => number) | undefined;

  private constructor(file: Uint8Array, memory?: KernelMemory) {
    const { header, buffer, offset, byteLength } = decodeWithHeader<Header>(file);
    if (header.format !== FORMAT) throw new Error(`not a ${FORMAT} file`);
    const { count, slots, dimensions } = header;
    // find() probes until it meets an empty slot: the table must be a power of two with room to spare.
    if (!(slots > count && (slots & (slots - 1)) === 0)) throw new Error("word vectors file has a malformed hash table");
    this.dimensions = dimensions;
    this.source = header.source;
    let at = offset;
    const next = (bytes: number): number => {
      const start = at;
      at += bytes;
      if (at > byteLength) throw new Error("word vectors file is truncated");
      return start;
    };
    const wordSlots = new Uint32Array(buffer, next(4 * slots), slots);
    const starts = new Uint32Array(buffer, next(4 * (count + 1)), count + 1);
    this.ranks = new Uint32Array(buffer, next(4 * count), count);
    this.scales = new Float32Array(buffer, next(4 * count), count);
    this.packed = new Int8Array(buffer, next(count * dimensions), count * dimensions);
    this.words = { slots: wordSlots, starts, text: Buffer.from(buffer, next(starts[count]!), starts[count]) };
    if (at !== byteLength) throw new Error("word vectors file has the wrong size");
    if (memory && buffer === memory.buffer) this.closest = kernelClosest(memory, { packedAt: this.packed.byteOffset, scalesAt: this.scales.byteOffset, dimensions, fileBytes: byteLength });
  }

  /** Throws when the file is missing or is not a word vectors file. */
  static read(file: string): PackedWordVectors {
    return new PackedWordVectors(readFileSync(file));
  }

  /**
   * read(), with the file read off the main thread, and straight into the memory of the kernel that matches words
   * (closest-kernel.ts) where WebAssembly SIMD runs: no copy of the 13 MB.
   */
  static async load(file: string): Promise<PackedWordVectors> {
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      const memory = kernelMemory(size);
      if (memory === undefined) return new PackedWordVectors(await readFile(handle));
      const bytes = new Uint8Array(memory.buffer, 0, size);
      for (let at = 0; at < size; ) {
        const { bytesRead } = await handle.read(bytes, at, size - at, at);
        if (bytesRead === 0) throw new Error("word vectors file is truncated");
        at += bytesRead;
      }
      return new PackedWordVectors(bytes, memory);
    } finally {
      await handle.close();
    }
  }

  /** Whether words are matched by the WebAssembly kernel rather than row by row in JavaScript. */
  get matchesBySimd(): boolean {
    return this.closest !== undefined;
  }

  get size(): number {
    return this.ranks.length;
  }

  find(word: string): number | undefined {
    return findWord(this.words, word);
  }

  rank(row: number): number {
    return this.ranks[row]!;
  }

  /** The words of rank below `count`, commonest first. */
  commonestWords(count: number): string[] {
    const rows = [...this.ranks.keys()].filter((row) => this.ranks[row]! < count).sort((a, b) => this.ranks[a]! - this.ranks[b]!);
    const { starts, text } = this.words;
    return rows.map((row) => text.toString("utf8", starts[row], starts[row + 1]));
  }

  vector(row: number): Float32Array {
    const d = this.dimensions;
    const scale = this.scales[row]!;
    const vector = new Float32Array(d);
    for (let i = 0; i < d; i++) vector[i] = this.packed[row * d + i]! * scale;
    return vector;
  }

  cosine(vector: Float32Array, row: number): number {
    const d = this.dimensions;
    const packed = this.packed;
    const at = row * d;
    const unrolled = d - (d % 4);
    // Four running sums, so the additions do not wait on one another: this loop is most of a question's reranking.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i < unrolled; i += 4) {
      s0 += vector[i]! * packed[at + i]!;
      s1 += vector[i + 1]! * packed[at + i + 1]!;
      s2 += vector[i + 2]! * packed[at + i + 2]!;
      s3 += vector[i + 3]! * packed[at + i + 3]!;
    }
    for (; i < d; i++) s0 += vector[i]! * packed[at + i]!;
    return (s0 + s1 + s2 + s3) * this.scales[row]!;
  }
}

/** The kernel's closest(), or undefined (words are then matched in JavaScript) when it cannot be set up. */
function kernelClosest(memory: KernelMemory, layout: KernelTableLayout): ((vector: Float32Array, rows: Int32Array) => number) | undefined {
  try {
    const kernel = new ClosestKernel(memory, layout);
    return (vector, rows) => kernel.closest(vector, rows);
  } catch {
    return undefined;
  }
}

/** Where `npm install` builds the word vectors (scripts/build-word-vectors.ts): beside this module, in src/ or dist/. */
export const INSTALLED_WORD_VECTORS = fileURLToPath(new URL("./word-vectors.bin", import.meta.url));

/** What the installed word vectors gave: the table, or why there is none. */
export type InstalledWordVectors = { readonly table: WordVectorTable } | { readonly table?: undefined; readonly problem: string };

/**
 * Word vectors from a file, or why there are none: answers then relate words through WordNet only. A missing file was
 * never built (an install that skipped its scripts); any other failure is a damaged or outdated file.
 */
export async function loadWordVectors(file: string): Promise<InstalledWordVectors> {
  try {
    return { table: await PackedWordVectors.load(file) };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const reason = missing ? "are not built" : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
    return { problem: `word vectors ${reason}, so answers relate words through WordNet only: run \`npm run build:word-vectors\`` };
  }
}

let installed: Promise<InstalledWordVectors> | undefined;

/**
 * The installed word vectors, read once per process (start it early: the read overlaps whatever else start-up does).
 * A failure is not remembered, so an engine opened after a rebuild finds the new file.
 */
export function installedWordVectors(): Promise<InstalledWordVectors> {
  const loading = (installed ??= loadWordVectors(INSTALLED_WORD_VECTORS));
  void loading.then((result) => {
    if (result.table === undefined && installed === loading) installed = undefined;
  });
  return loading;
}
