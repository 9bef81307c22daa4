import type { AnswerEngine, AskOptions, ComputeTurn } from "../answer/engine.js";

/**
 * Schedules the bot's work one piece per event-loop turn, so timers, the gateway heartbeat and arriving I/O run
 * between pieces:
 * - `admit` starts an interaction's handler. Discord can deliver a burst of interactions in one read of the gateway
 *   socket; started at once, 200 handlers ran as one ~100 ms stretch. Admissions go first, so every interaction that
 *   has arrived is acknowledged before more answers are computed.
 * - `run` computes (retrieval, ~10 ms of synchronous work), one at a time: run back to back for a burst of /ask, they
 *   kept later interactions waiting past Discord's 3 s.
 */
export class Turns {
  private readonly admissions: (() => void)[] = [];
  private readonly computations: (() => Promise<unknown>)[] = [];
  private computing = false;
  private scheduled = false;

  admit<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // A handler that throws before its first await rejects like one that fails later.
      this.admissions.push(() => {
        Promise.resolve().then(task).then(resolve, reject);
      });
      this.schedule();
    });
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.computations.push(() => {
        const result = Promise.resolve().then(task);
        result.then(resolve, reject);
        return result;
      });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.step();
    });
  }

  private step(): void {
    const admission = this.admissions.shift();
    if (admission) {
      admission();
    } else if (!this.computing) {
      const computation = this.computations.shift();
      if (computation) {
        this.computing = true;
        void computation()
          .catch(() => undefined)
          .finally(() => {
            this.computing = false;
            this.schedule();
          });
      }
    }
    if (this.admissions.length > 0 || (!this.computing && this.computations.length > 0)) this.schedule();
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
