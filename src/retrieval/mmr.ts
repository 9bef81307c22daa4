/**
 * Maximal marginal relevance: repeatedly takes the candidate with the best trade-off between its relevance and its
 * similarity to what was already taken, so five copies of one paragraph do not fill five slots.
 */
export function maximalMarginalRelevance<T>(
  candidates: readonly T[],
  relevance: (item: T) => number,
  similarity: (a: T, b: T) => number,
  k: number,
  lambda = 0.7,
): T[] {
  const chosen: T[] = [];
  const left = [...candidates];
  const top = Math.max(...candidates.map(relevance), Number.EPSILON);
  const scaled = left.map((item) => lambda * (relevance(item) / top));
  // Each candidate's highest similarity to anything chosen so far, updated against the newest pick only: k rounds
  // cost k x n similarity calls instead of k x n x k.
  const redundancy = left.map(() => 0);
  while (chosen.length < k && left.length > 0) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    for (let i = 0; i < left.length; i++) {
      const value = scaled[i]! - (1 - lambda) * redundancy[i]!;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    const picked = left.splice(bestIndex, 1)[0]!;
    scaled.splice(bestIndex, 1);
    redundancy.splice(bestIndex, 1);
    chosen.push(picked);
    if (chosen.length < k) left.forEach((item, i) => (redundancy[i] = Math.max(redundancy[i]!, similarity(item, picked))));
  }
  return chosen;
}

/** Cosine similarity of two bags of terms. */
export function bagCosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, weight] of a) {
    na += weight * weight;
    const other = b.get(term);
    if (other !== undefined) dot += weight * other;
  }
  for (const weight of b.values()) nb += weight * weight;
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
