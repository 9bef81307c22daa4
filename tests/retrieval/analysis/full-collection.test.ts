import { describe, expect, it } from "vitest";
import { collectGarbage } from "../../../src/retrieval/analysis/full-collection.js";

describe("collectGarbage", () => {
  it("GIVEN an object nothing refers to any more THEN a call frees it at once", async () => {
    const ref = new WeakRef({ payload: new Array<number>(10_000).fill(1) });
    // A WeakRef's target lives until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });

  it("GIVEN an object still referred to THEN it survives", () => {
    const held = { payload: [1, 2, 3] };
    const ref = new WeakRef(held);
    collectGarbage();
    expect(ref.deref()).toBe(held);
  });
});
