import type { WordVectorTable } from "../../src/retrieval/semantic/soft-match.js";

/**
 * A tiny word-vector table for tests: each word is a unit vector at `angle` degrees in a plane, so the cosine of two
 * words is the cosine of the angle between them. Rows follow the order given, and so do ranks (commonest first),
 * from `firstRank`: rank 0 is a word as common as "the", which weighs little.
 */
export function planeVectors(angles: Record<string, number>, firstRank = 0): WordVectorTable {
  const words = Object.entries(angles);
  const vector = (row: number): Float32Array => {
    const radians = (words[row]![1] * Math.PI) / 180;
    return Float32Array.of(Math.cos(radians), Math.sin(radians));
  };
  return {
    dimensions: 2,
    find: (word) => {
      const row = words.findIndex(([w]) => w === word);
      return row < 0 ? undefined : row;
    },
    rank: (row) => firstRank + row,
    vector,
    cosine: (v, row) => {
      const w = vector(row);
      return v[0]! * w[0]! + v[1]! * w[1]!;
    },
  };
}
