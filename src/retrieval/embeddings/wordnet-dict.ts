import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildLemmaTable, lemmaSlot, readLemmaTable } from "./lemma-table.js";
import { POS_LIST } from "./morphy.js";

/** An index.* line's senses: synset offsets most frequent first, and how many sense-tagged uses the lemma has. */
export interface IndexEntry {
  readonly offsets: readonly number[];
  readonly tagged: number;
}

export interface Pointer {
  readonly symbol: string;
  /** A synset key (see `synsetKey`). */
  readonly key: number;
  /** 1-based word number in the source / target synset; 0 for a pointer between whole synsets. */
  readonly source: number;
  readonly target: number;
}

export interface Synset {
  /** Lower-case, spaces for underscores, adjective markers such as "(a)" removed. */
  readonly words: readonly string[];
  /** Only the symbols in KEPT_POINTERS. */
  readonly pointers: readonly Pointer[];
  readonly gloss: string;
  readonly satellite: boolean;
}

/** Files are numbered as POS_LIST: noun 0, verb 1, adj 2, adv 3. */
const FILE_OF: Record<string, number> = { n: 0, v: 1, a: 2, s: 2, r: 3 };
// Only the relations WordNet.lookup reports; hyponym lists can run to hundreds of pointers.
const KEPT_POINTER = /(?:^| )(@i?|\+|#[pm]|&|\\|<) (\d{8}) ([nvasr]) ([0-9a-f]{4})(?= |$)/g;
const WORDS_PREFIX = 256;

export function synsetKey(file: number, offset: number): number {
  return file * 1e9 + offset;
}

/** The WordNet dict files. The index files stay as bytes behind a hash table of line starts (see lemma-table.ts). */
export class Dict {
  private readonly indexes: Buffer[];
  private readonly table: Uint32Array;
  private readonly fds: number[];
  /** Whole data.<pos> files, read on first use when `inMemory`; a descriptor read per synset is ~10x slower. */
  private readonly data: (Buffer | undefined)[] = [];
  private scratch = Buffer.alloc(1024);

  /** Throws, naming the file, when a file the constructor reads is missing. */
  static check(dictDir: string): void {
    for (const pos of POS_LIST) for (const kind of ["index", "data"]) statSync(join(dictDir, `${kind}.${pos}`));
  }

  constructor(
    dictDir: string,
    private readonly inMemory: boolean,
    /** A saved lemma table; it is used only if it was made from these index files, and made here otherwise. */
    tableFile?: string,
  ) {
    const indexFiles = POS_LIST.map((pos) => join(dictDir, `index.${pos}`));
    this.indexes = indexFiles.map((file) => readFileSync(file));
    this.table = (tableFile === undefined ? undefined : readLemmaTable(tableFile, indexFiles)) ?? buildLemmaTable(this.indexes);
    this.fds = POS_LIST.map((pos) => openSync(join(dictDir, `data.${pos}`), "r"));
  }

  close(): void {
    for (const fd of this.fds) closeSync(fd);
    this.fds.length = 0;
    this.data.length = 0;
  }

  /** The index entry of `lemma` (lower-case ASCII, underscores) in index.<file>, if any. */
  entry(file: number, lemma: string): IndexEntry | undefined {
    const bytes = this.indexes[file];
    if (bytes === undefined) return undefined;
    const mask = this.table.length - 1;
    for (let slot = lemmaSlot(this.table, lemma); this.table[slot] !== 0; slot = (slot + 1) & mask) {
      const value = (this.table[slot] ?? 0) - 1;
      if ((value & 3) === file && sameLemma(lemma, bytes, value >>> 2)) return parseIndexLine(bytes, value >>> 2);
    }
    return undefined;
  }

  synset(key: number): Synset | undefined {
    const file = Math.floor(key / 1e9);
    const line = this.readLine(file, key % 1e9, Infinity);
    return line === undefined ? undefined : parseSynset(line, file);
  }

  /** Just the words of a synset: they sit at the start of the line, so most need only a short read. */
  words(key: number): readonly string[] {
    const prefix = this.readLine(Math.floor(key / 1e9), key % 1e9, WORDS_PREFIX);
    return (prefix === undefined ? undefined : parseWords(prefix)?.words) ?? this.synset(key)?.words ?? [];
  }

  /** The data line at `offset`: WordNet synset offsets are byte offsets into data.<pos>. */
  private readLine(file: number, offset: number, maxBytes: number): string | undefined {
    const fd = this.fds[file];
    if (fd === undefined) return undefined;
    if (this.inMemory) {
      let bytes = this.data[file];
      if (bytes === undefined) {
        // Positional reads never move the descriptor, so this reads from the start.
        bytes = readFileSync(fd);
        this.data[file] = bytes;
      }
      if (offset >= bytes.length) return undefined;
      const end = bytes.indexOf(10, offset);
      return bytes.toString("utf8", offset, Math.min(end < 0 ? bytes.length : end, offset + maxBytes));
    }
    for (;;) {
      const want = Math.min(this.scratch.length, maxBytes);
      const read = readSync(fd, this.scratch, 0, want, offset);
      const end = this.scratch.subarray(0, read).indexOf(10);
      if (end >= 0) return this.scratch.toString("utf8", 0, end);
      if (read < want || read >= maxBytes) return read > 0 ? this.scratch.toString("utf8", 0, read) : undefined;
      this.scratch = Buffer.alloc(this.scratch.length * 2);
    }
  }
}

function sameLemma(lemma: string, bytes: Buffer, line: number): boolean {
  for (let i = 0; i < lemma.length; i++) if (bytes[line + i] !== lemma.charCodeAt(i)) return false;
  return bytes[line + lemma.length] === 32;
}

function parseIndexLine(bytes: Buffer, start: number): IndexEntry {
  const end = bytes.indexOf(10, start);
  // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
  const fields = bytes.toString("latin1", start, end < 0 ? undefined : end).trim().split(" ");
  const count = Number(fields[2]);
  return { offsets: fields.slice(fields.length - count).map(Number), tagged: Number(fields[fields.length - count - 1]) };
}

function cleanLemma(raw: string): string {
  // Adjective markers: big(a), galore(ip), elect(p).
  const paren = raw.indexOf("(");
  return (paren < 0 ? raw : raw.slice(0, paren)).replaceAll("_", " ").toLowerCase();
}

/** `offset lex_filenum ss_type w_cnt word lex_id...`: the words and where the pointers start, or undefined if cut short. */
function parseWords(line: string): { words: string[]; rest: number; satellite: boolean } | undefined {
  const head = line.split(" ", 4);
  const wordCount = parseInt(head[3] ?? "", 16);
  if (!(wordCount > 0)) return undefined;
  const fields = line.split(" ", 5 + 2 * wordCount);
  if (fields.length < 5 + 2 * wordCount) return undefined;
  const words: string[] = [];
  let rest = 0;
  for (let i = 0; i < 4 + 2 * wordCount; i++) rest += (fields[i]?.length ?? 0) + 1;
  for (let i = 0; i < wordCount; i++) words.push(cleanLemma(fields[4 + 2 * i] ?? ""));
  return { words, rest, satellite: head[2] === "s" };
}

export function parseSynset(line: string, file: number): Synset | undefined {
  const parsed = parseWords(line);
  if (parsed === undefined) return undefined;
  const bar = line.indexOf(" | ", parsed.rest);
  const pointers: Pointer[] = [];
  // The pointer count field (3 digits) is not a symbol, and verb frames ("+ 02 00") lack 8-digit offsets.
  for (const m of line.slice(parsed.rest, bar < 0 ? undefined : bar).matchAll(KEPT_POINTER)) {
    const sourceTarget = m[4] ?? "0000";
    pointers.push({
      symbol: m[1] ?? "",
      key: synsetKey(FILE_OF[m[3] ?? ""] ?? file, Number(m[2])),
      source: parseInt(sourceTarget.slice(0, 2), 16),
      target: parseInt(sourceTarget.slice(2), 16),
    });
  }
  return { words: parsed.words, pointers, gloss: bar < 0 ? "" : line.slice(bar + 3).trim(), satellite: parsed.satellite };
}
