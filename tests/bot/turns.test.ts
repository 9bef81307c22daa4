import { describe, expect, it } from "vitest";
import { Turns } from "../../src/bot/turns.js";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A task that only records that it started. */
function note(log: string[], what: string): Promise<void> {
  log.push(what);
  return Promise.resolve();
}

describe("Turns", () => {
  it("GIVEN interactions and computations queued together THEN every waiting interaction starts before the next computation", async () => {
    const turns = new Turns();
    const started: string[] = [];
    const work = [
      turns.run(() => note(started, "answer A")),
      turns.admit(() => note(started, "interaction 1")),
      turns.admit(() => note(started, "interaction 2")),
      turns.run(() => note(started, "answer B")),
    ];
    await Promise.all(work);
    expect(started).toEqual(["interaction 1", "interaction 2", "answer A", "answer B"]);
  });

  it("GIVEN a burst of interactions THEN each starts in its own turn of the event loop, with other callbacks between", async () => {
    const turns = new Turns();
    const order: string[] = [];
    const admitted = [1, 2, 3].map((n) => turns.admit(() => note(order, `interaction ${n}`)));
    setImmediate(() => order.push("I/O callback"));
    await Promise.all(admitted);
    expect(order).toEqual(["interaction 1", "I/O callback", "interaction 2", "interaction 3"]);
  });

  it("GIVEN a computation still running THEN the next one waits for it, while interactions keep starting", async () => {
    const turns = new Turns();
    const gate = deferred();
    const order: string[] = [];
    const first = turns.run(async () => {
      order.push("A starts");
      await gate.promise;
      order.push("A ends");
    });
    const second = turns.run(() => note(order, "B starts"));
    await new Promise((resolve) => setImmediate(resolve));
    await turns.admit(() => note(order, "interaction"));
    expect(order).toEqual(["A starts", "interaction"]);
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(["A starts", "interaction", "A ends", "B starts"]);
  });

  it("GIVEN a handler that throws before its first await, or a failing computation THEN each rejects and the queue goes on", async () => {
    const turns = new Turns();
    const throwing = turns.admit((): Promise<void> => {
      throw new Error("bad handler");
    });
    const failing = turns.run(() => Promise.reject(new Error("bad search")));
    const after = turns.run(() => Promise.resolve("still served"));
    await expect(throwing).rejects.toThrow("bad handler");
    await expect(failing).rejects.toThrow("bad search");
    await expect(after).resolves.toBe("still served");
  });
});
