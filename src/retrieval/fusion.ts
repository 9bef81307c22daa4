/** A candidate's position in one ranking (0-based) and that ranking's own score. */
export interface Ranked {
  readonly key: string;
  readonly score: number;
}

export interface FusedScore {
  readonly key: string;
  readonly fused: number;
  readonly ranks: readonly (number | undefined)[];
}

/**
 * Reciprocal rank fusion: each list adds weight / (k + rank). It needs no score calibration between BM25 and cosine,
 * which live on unrelated scales.
 */
export function reciprocalRankFusion(lists: readonly (readonly Ranked[])[], weights: readonly number[], k = 60): FusedScore[] {
  const fused = new Map<string, { fused: number; ranks: (number | undefined)[] }>();
  lists.forEach((list, which) => {
    list.forEach((item, rank) => {
      let entry = fused.get(item.key);
      if (!entry) {
        entry = { fused: 0, ranks: lists.map(() => undefined) };
        fused.set(item.key, entry);
      }
      if (entry.ranks[which] !== undefined) return;
      entry.ranks[which] = rank;
      entry.fused += (weights[which] ?? 1) / (k + rank + 1);
    });
  });
  return [...fused.entries()].map(([key, e]) => ({ key, ...e })).sort((a, b) => b.fused - a.fused);
}
