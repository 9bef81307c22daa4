import { setImmediate as afterIo } from "node:timers/promises";
import type { AnswerEngine } from "../answer/engine.js";

/**
 * Runs CPU-bound work one piece at a time, each only after the event loop has handled the I/O waiting for it. An
 * answer is ~10 ms of synchronous work; run back to back for a burst of /ask, they kept the gateway events of later
 * interactions waiting, and those were acknowledged after Discord's 3 s. Taking turns, every interaction that has
 * arrived is deferred before the next answer is computed.
 */
export class Turns {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => afterIo()).then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The engine methods that compute an answer or a ranking: the ones that take turns. */
const HEAVY = new Set<PropertyKey>(["ask", "followUp", "search"] satisfies (keyof AnswerEngine)[]);

/** The engine as the bot's handlers see it: the same methods, the heavy ones queued on `turns`. */
export function takingTurns(engine: AnswerEngine, turns = new Turns()): AnswerEngine {
  return new Proxy(engine, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!HEAVY.has(property)) return method.bind(target);
      return (...args: unknown[]) => turns.run(() => method.apply(target, args) as Promise<unknown>);
    },
  });
}
