import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../store/atomic-file.js";

/**
 * An open-addressing hash table of the index.* files' line starts, so a lemma is found without parsing the files (a
 * Map of 155k lemma strings took ~5x longer to build, and binary search over the sorted lines was the hottest code in
 * lookups). Each slot holds `lineStart * 4 + file + 1`, 0 when empty.
 */
const TABLE_BITS = 19;
const MAGIC = 0x544c4e57; // "WNLT", little-endian
const FORMAT = 1;

/**
 * Built at install time (scripts/build-wordnet-table.ts) beside this module, and copied beside the bundle: filling the
 * table at start-up was ~50 ms of every `sitrep ask`. Any file is checked against the index files before use.
 */
export const INSTALLED_LEMMA_TABLE = fileURLToPath(new URL("./wordnet-table.bin", import.meta.url));

function fnv(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

/** The slot where the search for a lemma (lower-case ASCII, underscores) starts. */
export function lemmaSlot(table: Uint32Array, lemma: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < lemma.length; i++) h = fnv(h, lemma.charCodeAt(i));
  return h & (table.length - 1);
}

export function buildLemmaTable(indexes: readonly Buffer[]): Uint32Array {
  const table = new Uint32Array(1 << TABLE_BITS);
  const mask = table.length - 1;
  indexes.forEach((bytes, file) => {
    for (let at = 0; at < bytes.length; ) {
      let end = bytes.indexOf(10, at);
      if (end < 0) end = bytes.length;
      // The licence header lines start with a space.
      if (end > at && bytes[at] !== 32) {
        let h = 0x811c9dc5;
        for (let i = at; i < end && bytes[i] !== 32; i++) h = fnv(h, bytes[i] ?? 0);
        let slot = h & mask;
        while (table[slot] !== 0) slot = (slot + 1) & mask;
        table[slot] = at * 4 + file + 1;
      }
      at = end + 1;
    }
  });
  return table;
}

/**
 * Format, then per index file its size and modification time: a table is used only with the files it was made from.
 * A checksum of the 6 MB took ~15 ms, a third of what the table saves. A reinstall writes new files (new times), and
 * rebuilds the table in the same `prepare`.
 */
function header(indexFiles: readonly string[]): Float64Array {
  const stamps = indexFiles.flatMap((file) => {
    const { size, mtimeMs } = statSync(file);
    return [size, mtimeMs];
  });
  return Float64Array.from([MAGIC, FORMAT, indexFiles.length, ...stamps]);
}

/** The saved table for exactly these index files, or undefined (no file, another format, other or changed files). */
export function readLemmaTable(file: string, indexFiles: readonly string[]): Uint32Array | undefined {
  let bytes: Buffer;
  let expected: Float64Array;
  try {
    bytes = readFileSync(file);
    expected = header(indexFiles);
  } catch {
    return undefined;
  }
  if (bytes.length !== expected.byteLength + (4 << TABLE_BITS)) return undefined;
  // A file this size is read into its own, aligned allocation; the copy is only a fallback.
  const buffer = bytes.byteOffset % 8 === 0 ? bytes.buffer : new Uint8Array(bytes).buffer;
  const offset = buffer === bytes.buffer ? bytes.byteOffset : 0;
  const saved = new Float64Array(buffer, offset, expected.length);
  if (expected.some((value, i) => saved[i] !== value)) return undefined;
  return new Uint32Array(buffer, offset + expected.byteLength, 1 << TABLE_BITS);
}

/** Writes the table for these index files, whole or not at all. */
export async function writeLemmaTable(file: string, indexFiles: readonly string[]): Promise<void> {
  const table = buildLemmaTable(indexFiles.map((index) => readFileSync(index)));
  await writeFileAtomic(file, Buffer.concat([Buffer.from(header(indexFiles).buffer), Buffer.from(table.buffer)]));
}
