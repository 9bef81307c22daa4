// The load benchmark: npm run bench:load -- [--burst 200] [--rate 20] [--seconds 60] [--corpus DIR] [--index DIR]
//
// The real bot logged in to the local Discord stand-in (no network): `--burst` /ask interactions at once, then `--rate`
// per second for `--seconds`, each from a distinct user. Prints p50/p99 acknowledgement and answer latency, the worst
// event-loop delay, and whether every interaction was acknowledged within Discord's 3 s, answered, and answered once.
// It reports; the exit code is 1 only when an interaction was late, lost or answered twice.
//
// --profile DIR writes a CPU profile of the bot process there (summarise: node --import tsx bench/profile-summary.ts DIR).
// --corpus defaults to the bundled corpus; point it at a larger one (e.g. the State of the Union corpus `npm run bench`
// builds) to see how answer latency, not acknowledgement, grows with the corpus.

import { intFlag, parseFlags, stringFlag } from "./args.js";
import { ACK_DEADLINE_MS, BUNDLED_CORPUS, runLoad, type LoadResult } from "./load-run.js";
import type { Percentiles } from "./stats.js";

const ms = (value: number) => `${Math.round(value)} ms`;
const row = (name: string, p: Percentiles) => `  ${name.padEnd(8)} p50 ${ms(p.p50).padStart(8)}   p99 ${ms(p.p99).padStart(8)}   max ${ms(p.max).padStart(8)}`;

function report(result: LoadResult, plan: { burst: number; rate: number; seconds: number }, corpus: string): string[] {
  const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
  return [
    `sitrep load: ${plan.burst} /ask at once, then ${plan.rate}/s for ${plan.seconds} s (${result.sent} in all, corpus ${corpus}), ${result.seconds.toFixed(1)} s`,
    row("ack", result.ack),
    row("answer", result.answer),
    `  event loop  worst delay ${result.loopDelayMaxMs.toFixed(1)} ms, p99 ${result.loopDelayP99Ms.toFixed(1)} ms (the bot process, while serving)`,
    `  ${verdict(result.lateAcks === 0)} acknowledged within ${ACK_DEADLINE_MS / 1000} s: ${result.sent - result.lateAcks}/${result.sent}`,
    `  ${verdict(result.unanswered === 0)} answered: ${result.sent - result.unanswered}/${result.sent}`,
    `  ${verdict(result.answeredTwice === 0)} answered twice: ${result.answeredTwice}`,
    `  ${verdict(result.notAnAnswer === 0)} replies that were not an answer (limit or error): ${result.notAnAnswer}`,
    `  ${verdict(result.loopDelayMaxMs < 50)} worst event-loop delay under 50 ms`,
    ...(result.errors.length > 0 ? [`  error log lines: ${result.errors.length}, first: ${result.errors[0]}`] : []),
  ];
}

const flags = parseFlags(process.argv.slice(2));
const plan = { burst: intFlag(flags, "burst", 200, 0), rate: intFlag(flags, "rate", 20), seconds: intFlag(flags, "seconds", 60, 0) };
const corpus = stringFlag(flags, "corpus") ?? BUNDLED_CORPUS;
const index = stringFlag(flags, "index");
const profile = stringFlag(flags, "profile");
const result = await runLoad(plan, {
  corpusDir: corpus,
  ...(index !== undefined ? { indexDir: index } : {}),
  ...(profile !== undefined ? { profileDir: profile } : {}),
  onProgress: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${report(result, plan, corpus).join("\n")}\n`);
process.exitCode = result.lateAcks + result.unanswered + result.answeredTwice > 0 ? 1 : 0;
