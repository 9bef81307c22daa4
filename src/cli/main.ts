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
