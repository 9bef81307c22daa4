// The same graph searched with the hnswlib build sitrep loaded and with npm's portable build, alternating query by
// query so both see the same machine load: what the accelerated build (src/retrieval/store/hnswlib-addon.ts) saves.

import { createRequire } from "node:module";
import { hnswlibAddon, hnswlibBuild, type Hnswlib } from "../src/retrieval/store/hnswlib-addon.js";
import { percentiles, type Percentiles } from "./stats.js";

export interface BuildComparison {
  /** "avx512", "avx2", or "portable (why)". */
  readonly loaded: string;
  readonly loadedMs: Percentiles;
  readonly portableMs: Percentiles;
}

export function describeLoadedBuild(): string {
  const choice = hnswlibBuild();
  return choice.simd ? choice.level : `portable (${choice.reason})`;
}

async function openGraph(addon: Hnswlib, file: string, dimensions: number, efSearch: number) {
  const index = new addon.HierarchicalNSW("cosine", dimensions);
  await index.readIndex(file);
  index.setEf(efSearch);
  return index;
}

export async function compareBuilds(graphFile: string, dimensions: number, efSearch: number, queries: readonly number[][], k: number, warmup: number): Promise<BuildComparison> {
  const portable = createRequire(import.meta.url)("hnswlib-node") as Hnswlib;
  const graphs = [await openGraph(hnswlibAddon(), graphFile, dimensions, efSearch), await openGraph(portable, graphFile, dimensions, efSearch)] as const;
  const [loadedMs, portableMs] = [[] as number[], [] as number[]];
  const timed = (graph: (typeof graphs)[number], query: number[], into: number[], keep: boolean): void => {
    const started = performance.now();
    graph.searchKnn(query, k);
    if (keep) into.push(performance.now() - started);
  };
  for (const [i, query] of queries.entries()) {
    timed(graphs[0], query, loadedMs, i >= warmup);
    timed(graphs[1], query, portableMs, i >= warmup);
  }
  return { loaded: describeLoadedBuild(), loadedMs: percentiles(loadedMs), portableMs: percentiles(portableMs) };
}
