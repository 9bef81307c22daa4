import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { wellCited, writeArticles } from "../answer/llm/fixture.js";
import { recordingIo } from "../bot/cli-io.js";
import { startOpenAiStandin, type OpenAiStandin } from "../support/openai-standin/server.js";

const KEY = "sk-cli-secret-0123456789";
const QUESTION = "When did Mount Arvel erupt and what did it bury?";

describe("sitrep ask with SUMMARIZER=llm", () => {
  let work: string;
  let standin: OpenAiStandin;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "sitrep-cli-llm-"));
    await writeArticles(path.join(work, "corpus"));
    standin = await startOpenAiStandin();
  });
  afterAll(async () => {
    await standin.close();
    await rm(work, { recursive: true, force: true });
  });
  const args = (...rest: string[]): string[] => ["ask", "--corpus", path.join(work, "corpus"), "--index", path.join(work, "index"), ...rest];
  const env = (): NodeJS.ProcessEnv => ({ SUMMARIZER: "llm", LLM_BASE_URL: standin.url, LLM_MODEL: "standin-chat", LLM_API_KEY: KEY });

  it("GIVEN the model settings in the environment THEN the answer printed is the model's, cited", async () => {
    standin.script(wellCited());
    const io = recordingIo(env());

    expect(await runCli(args("--json", QUESTION), io)).toBe(0);

    const answer = JSON.parse(io.stdout.join("\n")) as { answer: string; citations: { n: number; quote: string }[] };
    expect(answer.answer).toMatch(/^According to the report, .* \[1\] According to the report, .* \[2\]$/);
    expect(answer.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(standin.requests.some((r) => r.path === "/v1/chat/completions")).toBe(true);
  });

  it("GIVEN a failing model THEN the extractive answer is printed and the reason goes to stderr without the key", async () => {
    standin.script(() => ({ status: 500, body: `bad key ${KEY}` }));
    const io = recordingIo(env());

    expect(await runCli(args(QUESTION), io)).toBe(0);

    expect(io.stdout.join("\n")).not.toContain("According to the report");
    expect(io.stderr.join("\n")).toMatch(/^warning: LLM summary not used \(the model failed: .*500/m);
    expect(io.stderr.join("\n")).not.toContain(KEY);
  });

  it("GIVEN SUMMARIZER=llm without a model THEN it exits 2 naming the missing setting", async () => {
    const io = recordingIo({ SUMMARIZER: "llm", LLM_API_KEY: KEY });

    expect(await runCli(args(QUESTION), io)).toBe(2);

    expect(io.stderr.join("\n")).toContain("LLM_MODEL is missing");
    expect(io.stderr.join("\n")).not.toContain(KEY);
  });
});
