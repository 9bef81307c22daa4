import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decodeWithHeader, writeWithHeaderAtomic } from "../store/binary-file.js";
import { findWord, packWords, utf8Run, type WordTable } from "../store/word-table.js";
import type { RelatedFactors } from "./features.js";
import { POS_LIST } from "./morphy.js";

const FORMAT = "sitrep-expansions/1";

interface Header {
  readonly format: string;
  /** What computed the table: see expansionFingerprint. */
  readonly fingerprint: string;
  readonly words: number;
  readonly stems: number;
  readonly entries: number;
  readonly slots: number;
  /** The distinct factors; each entry refers to one by its index. */
  readonly factors: readonly number[];
}

/** Bits of an entry that hold its factor's index; the rest is the stem's number. */
const FACTOR_BITS = 4;

/**
 * Built at install time (scripts/build-expansion-table.ts) beside this module, and copied beside the bundle: the
 * WordNet relations of the commonest words, which a process otherwise looks up word by word (~0.5 ms a word: the
 * ~200 words of a first answer took ~0.1 s).
 */
export const INSTALLED_EXPANSIONS = fileURLToPath(new URL("./wordnet-expansions.bin", import.meta.url));

/**
 * The related stems of many words, as FeatureExtractor.relatedFactorsOf gives them, saved so a process need not look
 * them up in WordNet. Words are found through a hash table; a stem's text is decoded when first needed.
 *
 * Layout after the header (all 32-bit but the text): the words' slots and where each word's text starts (a WordTable,
 * see store/word-table.ts); where each word's entries start (count + 1); the entries (stem number << 4 | factor
 * index); where each stem's text starts; then the words' and the stems' UTF-8 text.
 */
export class ExpansionTable {
  readonly fingerprint: string;
  private readonly words: WordTable;
  private readonly entryStarts: Uint32Array;
  private readonly entries: Uint32Array;
  private readonly stemStarts: Uint32Array;
  private readonly text: Buffer;
  private readonly factors: readonly number[];
  private readonly decoded: (string | undefined)[];

  private constructor(file: Uint8Array) {
    const { header, buffer, offset, byteLength } = decodeWithHeader<Header>(file);
    if (header.format !== FORMAT) throw new Error(`not a ${FORMAT} file`);
    const { words, stems, entries, slots } = header;
    let at = offset;
    const next = (count: number): Uint32Array => {
      if (at + 4 * count > byteLength) throw new Error("expansions file is truncated");
      const view = new Uint32Array(buffer, at, count);
      at += 4 * count;
      return view;
    };
    const wordSlots = next(slots);
    const wordStarts = next(words + 1);
    this.entryStarts = next(words + 1);
    this.entries = next(entries);
    this.stemStarts = next(stems + 1);
    this.text = Buffer.from(buffer, at, byteLength - at);
    if (this.text.length !== wordStarts[words]! + this.stemStarts[stems]!) throw new Error("expansions file has the wrong size");
    this.words = { slots: wordSlots, starts: wordStarts, text: this.text };
    this.fingerprint = header.fingerprint;
    this.factors = header.factors;
    this.decoded = new Array<string | undefined>(stems);
  }

  /** The table in `file` if the code running now computed it (same `fingerprint`); undefined otherwise. */
  static read(file: string, fingerprint: string): ExpansionTable | undefined {
    try {
      const table = new ExpansionTable(readFileSync(file));
      return table.fingerprint === fingerprint ? table : undefined;
    } catch {
      return undefined;
    }
  }

  /** The word's related stems and factors, or undefined when the table does not hold the word. */
  factorsOf(word: string): RelatedFactors | undefined {
    const index = findWord(this.words, word);
    if (index === undefined) return undefined;
    const stems: string[] = [];
    const factors: number[] = [];
    for (let e = this.entryStarts[index]!; e < this.entryStarts[index + 1]!; e++) {
      const entry = this.entries[e]!;
      stems.push(this.stem(entry >>> FACTOR_BITS));
      factors.push(this.factors[entry & ((1 << FACTOR_BITS) - 1)]!);
    }
    return { stems, factors };
  }

  private stem(id: number): string {
    const base = this.words.starts[this.words.starts.length - 1]!;
    return (this.decoded[id] ??= this.text.toString("utf8", base + this.stemStarts[id]!, base + this.stemStarts[id + 1]!));
  }
}

/** Writes a table of `words` (each with what relatedFactorsOf gave it) for code identified by `fingerprint`. */
export async function writeExpansionTable(file: string, fingerprint: string, words: ReadonlyMap<string, RelatedFactors>): Promise<void> {
  const stemIds = new Map<string, number>();
  const factorIds = new Map<number, number>();
  const entries: number[] = [];
  const entryStarts = [0];
  for (const { stems, factors } of words.values()) {
    stems.forEach((stem, i) => {
      const stemId = stemIds.get(stem) ?? stemIds.set(stem, stemIds.size).size - 1;
      const factor = factors[i]!;
      const factorId = factorIds.get(factor) ?? factorIds.set(factor, factorIds.size).size - 1;
      if (factorId >= 1 << FACTOR_BITS) throw new Error("too many distinct factors for an expansions file");
      entries.push(stemId * (1 << FACTOR_BITS) + factorId);
    });
    entryStarts.push(entries.length);
  }
  const wordTable = packWords([...words.keys()]);
  const stemText = utf8Run(stemIds.keys());
  const header: Header = {
    format: FORMAT,
    fingerprint,
    words: words.size,
    stems: stemIds.size,
    entries: entries.length,
    slots: wordTable.slots.length,
    factors: [...factorIds.keys()],
  };
  await writeWithHeaderAtomic(file, header, [
    wordTable.slots,
    wordTable.starts,
    Uint32Array.from(entryStarts),
    Uint32Array.from(entries),
    stemText.starts,
    wordTable.text,
    stemText.text,
  ]);
}

declare const __SITREP_EXPANSION_CODE__: string | undefined;

/**
 * The hash of the expansion code the running bundle was built from (scripts/expansion-code.mjs; scripts/build.mjs
 * bakes it in). Undefined when running from the sources: they may have changed since any table was made.
 */
export function bundledExpansionCode(): string | undefined {
  return typeof __SITREP_EXPANSION_CODE__ === "string" ? __SITREP_EXPANSION_CODE__ : undefined;
}

/** A table's identity: the code's hash and the dictionary's files (size and time of each). */
export function expansionFingerprint(code: string, dictDir: string): string {
  const stamps = POS_LIST.flatMap((pos) =>
    ["index", "data"].map((kind) => {
      const { size, mtimeMs } = statSync(path.join(dictDir, `${kind}.${pos}`));
      return `${size}@${mtimeMs}`;
    }),
  );
  return [code, ...stamps].join(" ");
}

/** Where FeatureExtractor finds saved expansions. */
export interface ExpansionSource {
  factorsOf(word: string): RelatedFactors | undefined;
}

/**
 * The installed table, read at the first lookup, when the running bundle made it for this dictionary; otherwise
 * nothing (every word is then looked up in WordNet, as without a table).
 */
export function installedExpansions(dictDir: string): ExpansionSource | undefined {
  const code = bundledExpansionCode();
  if (code === undefined) return undefined;
  let table: ExpansionTable | null | undefined;
  return {
    factorsOf: (word) => {
      table ??= ExpansionTable.read(INSTALLED_EXPANSIONS, expansionFingerprint(code, dictDir)) ?? null;
      return table?.factorsOf(word);
    },
  };
}
