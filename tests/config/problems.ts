import { ConfigError } from "../../src/config/env.js";

/** The problems a configuration read reported, for asserting the messages; fails when it reported none. */
export function problemsOf(action: () => unknown): readonly string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}
