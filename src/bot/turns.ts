import { setImmediate as afterIo } from "node:timers/promises";
import type { AnswerEngine, AskOptions, ComputeTurn } from "../answer/engine.js";

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

/** Where each heavy method takes its options (`AskOptions`), which carry the turn. */
const OPTIONS_ARGUMENT = new Map<PropertyKey, number>([
  ["ask", 1],
  ["search", 1],
  ["followUp", 2],
] satisfies [keyof AnswerEngine, number][]);

/**
 * The engine as the bot's handlers see it: the same methods, with retrieval queued on `turns`. Only retrieval takes
 * turns: a hosted model's reply is awaited outside them, so slow model calls still overlap.
 */
export function takingTurns(engine: AnswerEngine, turns = new Turns()): AnswerEngine {
  const turn: ComputeTurn = (task) => turns.run(task);
  return new Proxy(engine, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      const at = OPTIONS_ARGUMENT.get(property);
      if (at === undefined) return method.bind(target);
      return (...args: unknown[]) => {
        const withTurn = [...args];
        withTurn[at] = { ...(args[at] as AskOptions | undefined), turn };
        return method.apply(target, withTurn);
      };
    },
  });
}
