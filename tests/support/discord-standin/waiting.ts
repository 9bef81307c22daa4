/**
 * Every REST call and gateway event pokes this feed; waiters re-run their check on each poke, so
 * a wait started after the thing already happened resolves at once instead of racing it. Checks
 * also re-run on a short poll, because `waitFor` conditions may watch client-side state that
 * changes without any traffic reaching the stand-in.
 */
const POLL_MS = 10;

export class ChangeFeed {
  private readonly listeners = new Set<() => void>();
  private closedReason: string | null = null;

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  close(reason: string): void {
    this.closedReason = reason;
    this.notify();
  }

  waitFor<T>(
    what: string,
    check: () => T | undefined,
    timeoutMs: number,
    diagnostics: () => string,
  ): Promise<T> {
    // Captured here so a timeout points at the test line that waited, not at a timer callback.
    const origin = new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    return new Promise<T>((resolve, reject) => {
      const finish = (fn: () => void): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(listener);
        fn();
      };
      const listener = (): void => {
        if (this.closedReason !== null) {
          finish(() => reject(new Error(`Stand-in closed (${this.closedReason}) while waiting for ${what}`)));
          return;
        }
        let value: T | undefined;
        try {
          value = check();
        } catch (error) {
          finish(() => reject(error instanceof Error ? error : new Error(String(error))));
          return;
        }
        if (value !== undefined) finish(() => resolve(value));
      };
      const timer = setTimeout(() => {
        origin.message += `.\n${diagnostics()}`;
        finish(() => reject(origin));
      }, timeoutMs);
      const poll = setInterval(listener, POLL_MS);
      this.listeners.add(listener);
      listener();
    });
  }
}
