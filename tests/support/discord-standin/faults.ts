import { templateRegExp } from "./route-kit.js";
import type { DelayRule, FaultRule } from "./types.js";

interface ActiveFault {
  rule: FaultRule;
  matches: (path: string) => boolean;
  remaining: number;
}

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

function pathMatcher(path: string | RegExp): (p: string) => boolean {
  if (path instanceof RegExp) return (p) => path.test(p);
  if (path.includes(":")) return (p) => templateRegExp(path).test(p);
  return (p) => p === path;
}

export class Faults {
  private active: ActiveFault[] = [];

  add(rule: FaultRule): void {
    this.active.push({ rule, matches: pathMatcher(rule.path), remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.active = [];
  }

  /** Consumes one use of the first rule matching this call, if any. */
  take(method: string, path: string): FaultResponse | undefined {
    const fault = this.active.find(
      (f) => f.remaining > 0 && (f.rule.method === undefined || f.rule.method.toUpperCase() === method) && f.matches(path),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.active = this.active.filter((f) => f.remaining > 0);
    return fault.rule.status === 429 ? rateLimited(fault.rule) : serverError(fault.rule.status);
  }
}

/** Headers as Discord sends them; @discordjs/rest reads Retry-After and the X-RateLimit-* set. */
function rateLimited(rule: FaultRule): FaultResponse {
  const retryAfter = rule.retryAfterSeconds ?? 0.2;
  const global = rule.global === true;
  return {
    status: 429,
    headers: {
      "retry-after": String(retryAfter),
      "x-ratelimit-limit": "5",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(Date.now() / 1000 + retryAfter),
      "x-ratelimit-reset-after": String(retryAfter),
      "x-ratelimit-bucket": "standin-fault-bucket",
      "x-ratelimit-scope": global ? "global" : "user",
      ...(global ? { "x-ratelimit-global": "true" } : {}),
    },
    body: { message: "You are being rate limited.", retry_after: retryAfter, global, code: 0 },
  };
}

function serverError(status: number): FaultResponse {
  return { status, headers: {}, body: { message: `${status}: Internal Server Error`, code: 0 } };
}

interface ActiveDelay {
  rule: DelayRule;
  matches: (path: string) => boolean;
  remaining: number;
}

/** Slow responses, kept apart from Faults: a delayed call still gets its real answer. */
export class Delays {
  private active: ActiveDelay[] = [];

  add(rule: DelayRule): void {
    this.active.push({ rule, matches: pathMatcher(rule.path), remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.active = [];
  }

  /** Consumes one use of the first rule matching this call; 0 when none does. */
  take(method: string, path: string): number {
    const delay = this.active.find(
      (d) => d.remaining > 0 && (d.rule.method === undefined || d.rule.method.toUpperCase() === method) && d.matches(path),
    );
    if (!delay) return 0;
    delay.remaining -= 1;
    this.active = this.active.filter((d) => d.remaining > 0);
    return delay.rule.ms;
  }
}
