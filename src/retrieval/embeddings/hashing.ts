/** 32-bit FNV-1a, then a final avalanche so nearby strings spread over all dimensions. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * Feature hashing with a random sign per feature, so collisions cancel out on average instead of piling up.
 * The result has unit length, or is all zeros for a text with no features.
 */
export function hashToVector(features: ReadonlyMap<string, number>, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  for (const [feature, weight] of features) {
    const h = hash32(feature);
    vector[h % dimensions]! += (h & 0x80000000 ? -1 : 1) * weight;
  }
  return normalize(vector);
}

/** Scales `vector` in place to unit length (an all-zero vector stays as it is), and returns it. */
export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const v of vector) norm += v * v;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < vector.length; i++) vector[i]! *= scale;
  }
  return vector;
}
