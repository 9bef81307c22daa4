import { describe, expect, it } from "vitest";
import { DocumentCentroids } from "../../src/retrieval/centroids.js";

function cosine(a: readonly number[], b: readonly number[]): number {
  const dot = a.reduce((sum, x, i) => sum + x * b[i]!, 0);
  return dot / Math.hypot(...a) / Math.hypot(...b);
}

describe("DocumentCentroids", () => {
  it("GIVEN passages added to documents THEN each similarity is the cosine of a (unit) query with the document's summed vectors", () => {
    const centroids = new DocumentCentroids(4);
    centroids.add("a", [1, 0, 0, 0]);
    centroids.add("a", [0, 1, 0, 0]);
    centroids.add("b", [0, 0, 2, 1]);
    const query = [Math.SQRT1_2, 0, Math.SQRT1_2, 0];
    const similarities = centroids.similarities(query);
    expect([...similarities.keys()]).toEqual(["a", "b"]);
    expect(similarities.get("a")).toBeCloseTo(cosine(query, [1, 1, 0, 0]), 12);
    expect(similarities.get("b")).toBeCloseTo(cosine(query, [0, 0, 2, 1]), 12);
  });

  it("GIVEN a document changed or deleted after a question THEN the next question sees the change", () => {
    const centroids = new DocumentCentroids(3);
    centroids.add("a", [1, 0, 0]);
    centroids.add("b", [0, 1, 0]);
    expect(centroids.similarities([0, 1, 0]).get("a")).toBe(0);
    centroids.add("a", [0, 1, 0]);
    expect(centroids.similarities([0, 1, 0]).get("a")).toBeCloseTo(Math.SQRT1_2, 12);
    centroids.delete("b");
    centroids.add("c", [0, 0, 5]);
    expect([...centroids.similarities([0, 0, 1]).entries()]).toEqual([
      ["a", 0],
      ["c", 1],
    ]);
  });

  it("GIVEN a query longer than the centroids, or all zero THEN extra dimensions are ignored, and a zero query scores 0", () => {
    const centroids = new DocumentCentroids(2);
    centroids.add("a", [3, 4]);
    // Queries are unit vectors: the similarity is their dot product with the centroid over the centroid's length.
    expect(centroids.similarities([0.6, 0.8, 100]).get("a")).toBeCloseTo(1, 12);
    expect(centroids.similarities([0, 0]).get("a")).toBe(0);
  });
});
