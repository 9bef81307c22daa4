import { describe, expect, it } from "vitest";
import { isUserError } from "../../src/errors.js";
import { RateLimiter } from "../../src/bot/rate-limiter.js";

function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe("RateLimiter", () => {
  it("GIVEN 5 per 30 s WHEN a user acts 5 times THEN all pass and the 6th is refused until the first leaves the window", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ max: 5, windowMs: 30_000 }, clock.now);

    for (let i = 0; i < 5; i++) {
      expect(limiter.take("u")).toEqual({ allowed: true });
      clock.advance(1000);
    }
    expect(limiter.take("u")).toEqual({ allowed: false, retryAfterMs: 25_000 });
    clock.advance(24_999);
    expect(limiter.take("u").allowed).toBe(false);
    clock.advance(1);
    expect(limiter.take("u")).toEqual({ allowed: true });
  });

  it("GIVEN refused attempts WHEN the user keeps trying THEN the refusals do not push the next allowed time back", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ max: 1, windowMs: 10_000 }, clock.now);
    limiter.take("u");

    for (let i = 0; i < 9; i++) {
      clock.advance(1000);
      limiter.take("u");
    }
    clock.advance(1000);

    expect(limiter.take("u")).toEqual({ allowed: true });
  });

  it("GIVEN one user at the limit WHEN another user acts THEN the other is not limited", () => {
    const limiter = new RateLimiter({ max: 1, windowMs: 10_000 }, fakeClock().now);
    limiter.take("a");

    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("GIVEN a user over the limit WHEN enforced THEN a RATE_LIMITED error says when to try again, in whole seconds rounded up", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ max: 2, windowMs: 30_000 }, clock.now);
    limiter.enforce("u");
    limiter.enforce("u");
    clock.advance(10_500);

    let caught: unknown;
    try {
      limiter.enforce("u");
    } catch (error) {
      caught = error;
    }

    expect(isUserError(caught) && caught.code).toBe("RATE_LIMITED");
    expect((caught as Error).message).toBe("You have asked 2 times in 30 s, the most allowed: try again in 20 s.");
  });

  it("GIVEN many users long gone WHEN the limiter keeps working THEN their entries are swept", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ max: 1, windowMs: 1000 }, clock.now);
    for (let i = 0; i < 300; i++) limiter.take(`user-${i}`);
    clock.advance(2000);

    for (let i = 0; i < 300; i++) limiter.take("active");

    expect((limiter as unknown as { recent: Map<string, number[]> }).recent.size).toBeLessThanOrEqual(1);
  });
});
