import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collector: (() => void) | null | undefined;

/**
 * Batches between full collections, in the indexing thread and in the feature thread alike (15-35 ms of pause each).
 * Left to V8, the feature thread's heap grew to ~100 MB around ~40 MB of live data by the end of a 15k-passage ingest;
 * with both collecting, that ingest's peak RSS went from 382-392 MB to 342-343 MB, and its time from 11.2-11.8 s to
 * 10.9-12.4 s (three runs each, interleaved). Every 8 batches freed no more; every 4 slowed ingest.
 */
export const COLLECT_EVERY = 16;

/**
 * Runs V8's full garbage collection of the calling thread's heap, which only a flag exposes; does nothing where the
 * flag cannot be set. Indexing calls it every few batches: left to V8 on a machine with plenty of memory, the heaps
 * grew to about twice their live data during a large ingest, and set its peak RSS.
 */
export function collectGarbage(): void {
  // Looked up at the first call, not at import: it creates a context (~1 ms), which a start-up has no use for.
  collector ??= exposedCollector() ?? null;
  collector?.();
}

function exposedCollector(): (() => void) | undefined {
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
