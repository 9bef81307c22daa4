import type { Logger } from "./logger.js";

/**
 * The answers being worked on right now. A graceful stop waits for them (bounded), so a deploy or restart does not
 * leave a user with "sitrep is thinking…" forever or an answer whose feedback row was never written.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  get size(): number {
    return this.running.size;
  }

  /** Remembers `work` until it settles; the caller's handling of its outcome is unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return work;
  }

  /** Resolves once nothing is running, or after `timeoutMs` with how many were still unfinished. */
  async drain(timeoutMs: number): Promise<{ unfinished: number }> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
    try {
      // Work tracked while draining (a follow-up already queued behind one in progress) is waited for too.
      while (this.running.size > 0) {
        if ((await Promise.race([Promise.all(this.running), deadline])) === "timeout") break;
      }
    } finally {
      clearTimeout(timer);
    }
    return { unfinished: this.running.size };
  }
}

/**
 * Logs a rejection nobody handled instead of letting Node end the process (its default since v15): one forgotten
 * `.catch` in a rarely used path must not take the whole bot down. Returns the function that removes the guard.
 */
export function logUnhandledRejections(log: Logger): () => void {
  const onRejection = (reason: unknown) => log.error({ err: reason }, "unhandled promise rejection (the bot keeps running)");
  process.on("unhandledRejection", onRejection);
  return () => process.off("unhandledRejection", onRejection);
}
