import { UserError } from "../errors.js";

export interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** The friendly refusal: how many asks the window allows, and when the next one will be. */
export function rateLimitMessage(limit: RateLimit, retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const per = Math.round(limit.windowMs / 1000);
  return `You have asked ${limit.max} times in ${per} s, the most allowed: try again in ${seconds} s.`;
}

/** How often stale keys are swept, in calls; sweeping on every call would cost O(users) per ask. */
const SWEEP_EVERY = 256;

/**
 * At most `max` actions per key in any sliding window of `windowMs`. Refused attempts are not counted, so a user who
 * retries too early is not pushed further back.
 */
export class RateLimiter {
  private readonly recent = new Map<string, number[]>();
  private calls = 0;

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now);
    const times = (this.recent.get(key) ?? []).filter((t) => now - t < this.limit.windowMs);
    if (times.length >= this.limit.max) {
      this.recent.set(key, times);
      return { allowed: false, retryAfterMs: times[0]! + this.limit.windowMs - now };
    }
    times.push(now);
    this.recent.set(key, times);
    return { allowed: true };
  }

  /** Takes one action for `key`, or throws the friendly RATE_LIMITED error. */
  enforce(key: string): void {
    const decision = this.take(key);
    if (decision.allowed) return;
    throw new UserError("RATE_LIMITED", rateLimitMessage(this.limit, decision.retryAfterMs));
  }

  private sweep(now: number): void {
    for (const [key, times] of this.recent) {
      if (times.every((t) => now - t >= this.limit.windowMs)) this.recent.delete(key);
    }
  }
}
