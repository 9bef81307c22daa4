import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/run.js";

const BIN = fileURLToPath(new URL("../../bin/sitrep.mjs", import.meta.url));
const CORPUS_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
const TITLE = "North Korean Troops in Russias War";
const XI = "What did Xi Jinping say at the BRICS summit?";
const WHERE = "Where was it held?";

let work: string;
let indexDir: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "sitrep-chat-"));
  indexDir = path.join(work, "index");
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The CLI in-process with `lines` as stdin; records what it printed. */
function linesIo(lines: readonly string[]): CliIo & { stdout: string[]; stderr: string[]; read: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const read: string[] = [];
  return {
    stdout,
    stderr,
    read,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    stdin: async function* () {
      for (const line of lines) {
        read.push(line);
        // As readline would: each line arrives on its own turn of the event loop.
        yield await Promise.resolve(line);
      }
    },
    env: {},
  };
}

const re = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const cite6Kazan = new RegExp(`^\\[\\d+\\] ${TITLE}, ¶6 — “[^”]*Kazan`, "m");

describe("sitrep chat", () => {
  it("GIVEN two lines piped to `sitrep chat` WHEN it runs as a process THEN the second is answered in the context of the first, cited like `sitrep ask`", async () => {
    const child = spawn(process.execPath, [BIN, "chat", "--corpus", CORPUS_DIR, "--index", indexDir], {
      cwd: work,
      env: { PATH: process.env.PATH },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.stdin.end(`${XI}\n${WHERE}\n`);

    const code = await exited;

    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [first, second] = stdout.split(/\n(?=Q: )/);
    expect(first).toMatch(new RegExp(`^Q: ${re(XI)}\n`));
    expect(first).not.toContain("read with the conversation");
    expect(second).toMatch(new RegExp(`^Q: ${re(WHERE)}\n\\(read with the conversation as: ${re(`${WHERE} ${XI}`)}\\)\n`));
    expect(second).toMatch(/Kazan.*\[1\]/);
    expect(second).toContain("\nSources\n");
    expect(second).toMatch(cite6Kazan);
    expect(stdout).not.toContain("> ");
  });

  it("GIVEN /new between questions WHEN the follow-up comes THEN it is read on its own; /exit ends the session and the rest is not read", async () => {
    const io = linesIo([XI, "/new", WHERE, "/exit", "never read as a question"]);

    const code = await runCli(["chat", "--corpus", CORPUS_DIR, "--index", indexDir], io);

    expect(code).toBe(0);
    expect(io.stdout).toHaveLength(2);
    expect(io.stdout[1]).toMatch(new RegExp(`^\\nQ: ${re(WHERE)}\\n`));
    expect(io.stdout[1]).not.toContain("read with the conversation");
    expect(io.stdout[1]).not.toMatch(cite6Kazan);
    expect(io.read).not.toContain("never read as a question");
  });

  it("GIVEN --json WHEN two lines are asked THEN each answer is a JSON line with the question as typed and as searched", async () => {
    const io = linesIo([XI, "", WHERE]);

    const code = await runCli(["chat", "--json", "--corpus", CORPUS_DIR, "--index", indexDir], io);

    expect(code).toBe(0);
    const answers = io.stdout.map((line) => JSON.parse(line) as { question: string; resolvedQuestion: string; citations: { paragraph: number }[] });
    expect(answers.map((a) => [a.question, a.resolvedQuestion])).toEqual([
      [XI, XI],
      [WHERE, `${WHERE} ${XI}`],
    ]);
    expect(answers[1]!.citations.map((c) => c.paragraph)).toContain(6);
  });

  it("GIVEN a line that is no question WHEN the chat goes on THEN it says why on stderr, answers the next line in context, and exits 2", async () => {
    const io = linesIo([XI, "\u200b\u200b", WHERE]);

    const code = await runCli(["chat", "--corpus", CORPUS_DIR, "--index", indexDir], io);

    expect(code).toBe(2);
    expect(io.stderr).toEqual(["sitrep: The question is empty: type what you want to know."]);
    expect(io.stdout[1]).toMatch(cite6Kazan);
  });

  it("GIVEN a question on the command line WHEN `sitrep chat` is run THEN it is a usage error: questions come on stdin", async () => {
    const io = linesIo([]);

    const code = await runCli(["chat", XI, "--corpus", CORPUS_DIR, "--index", indexDir], io);

    expect(code).toBe(2);
    expect(io.stderr[0]).toMatch(/^sitrep: chat takes no question/);
  });
});
