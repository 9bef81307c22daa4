import dotenv from "dotenv";
import { createInterface } from "node:readline";
import { runCli } from "./run.js";

// quiet: dotenv would otherwise print a banner into output that scripts parse.
dotenv.config({ quiet: true });

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  stdin: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  env: process.env,
  stderrStream: process.stderr,
  interactive: process.stdin.isTTY === true,
});

// Everything is closed by now; a handle someone forgot (a socket, a timer) must not keep a stopped bot alive past
// the few seconds a supervisor allows between SIGTERM and SIGKILL. unref: a clean exit does not wait for this.
setTimeout(() => process.exit(), 1000).unref();
