import type { CliIo } from "../../src/cli/io.js";

/** A CLI io that records what a command printed, with only the environment the test gives it. */
export function recordingIo(env: NodeJS.ProcessEnv): CliIo & { readonly stdout: string[]; readonly stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    stdin: async function* () {},
    env,
  };
}
