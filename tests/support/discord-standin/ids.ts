import { randomBytes } from "node:crypto";

const DISCORD_EPOCH = 1_420_070_400_000n;
let last = 0n;

/**
 * Real-looking snowflakes: discord.js derives `createdTimestamp` from ids, so they must encode
 * the current time. Strictly increasing so ids double as a creation order.
 */
export function snowflake(): string {
  const candidate = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  last = candidate > last ? candidate : last + 1n;
  return last.toString();
}

export function randomToken(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString("hex")}`;
}

export function isoNow(): string {
  return new Date().toISOString();
}
