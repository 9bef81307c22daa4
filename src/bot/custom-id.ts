import { LIMITS } from "./limits.js";

const SEPARATOR = ":";

/**
 * A button's custom id: the command that owns the button, then its arguments. Buttons must keep working after a
 * restart, so everything a handler needs is in the id (or in storage the id points to), never in memory.
 */
export function customId(command: string, ...args: readonly (string | number)[]): string {
  const id = [command, ...args].join(SEPARATOR);
  if (id.length > LIMITS.customId) throw new Error(`custom id "${id.slice(0, 40)}…" is longer than ${LIMITS.customId} characters`);
  return id;
}

/** The owning command and the arguments; a handler whose last argument may contain ":" joins the tail back. */
export function parseCustomId(id: string): { command: string; args: string[] } {
  const [command = "", ...args] = id.split(SEPARATOR);
  return { command, args };
}
