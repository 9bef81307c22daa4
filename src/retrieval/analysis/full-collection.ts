import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collector: (() => void) | null | undefined;

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
