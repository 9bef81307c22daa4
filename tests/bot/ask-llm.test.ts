import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open.js";
import { wellCited } from "../answer/llm/fixture.js";
import { startOpenAiStandin, type OpenAiStandin } from "../support/openai-standin/server.js";
import { CORPUS_DIR, embedOf, useBotHarness } from "./harness.js";

const KEY = "sk-bot-secret-0123456789";
const QUESTION = "How many North Korean soldiers were sent to Kursk?";
const harness = useBotHarness();

let model: OpenAiStandin;
let llmEngine: AnswerEngine;
let indexDir: string;
let warnings: string[];

beforeAll(async () => {
  model = await startOpenAiStandin();
  indexDir = await mkdtemp(path.join(tmpdir(), "sitrep-bot-llm-"));
  ({ engine: llmEngine } = await openEngine({
    corpusDir: CORPUS_DIR,
    indexDir,
    models: { summarizer: { kind: "llm", llm: { baseUrl: model.url, model: "standin-chat", apiKey: KEY, timeoutMs: 5_000 } }, embeddings: { kind: "local" } },
    warn: (message) => warnings.push(message),
  }));
});

afterAll(async () => {
  await model.close();
  await rm(indexDir, { recursive: true, force: true });
});

beforeEach(() => {
  warnings = [];
});

describe("/ask with SUMMARIZER=llm", () => {
  it("GIVEN a model that cites well WHEN /ask runs THEN the interaction is deferred before the model is asked, then edited with its cited answer", async () => {
    const h = await harness.start({}, llmEngine);
    let id = "";
    let deferredBeforeModel: boolean | undefined;
    model.script((request) => {
      deferredBeforeModel = h.standin.interactionResponse(id)?.deferred;
      return wellCited()(request);
    });

    id = h.standin.sendSlashCommand({ name: "ask", options: { question: QUESTION } });
    const response = await h.standin.waitForInteractionResponse(id);

    expect(deferredBeforeModel).toBe(true);
    const embed = embedOf(response);
    expect(embed.description).toMatch(/According to the report, .* \[1\]/);
    expect(embed.fields?.[0]?.name).toBe("Sources");
    expect(h.rawLogs.join("\n")).not.toContain(KEY);
  });

  it("GIVEN a model that fails WHEN /ask runs THEN the user gets the extractive answer and the reason is a warning without the key", async () => {
    const h = await harness.start({}, llmEngine);
    model.script(() => ({ status: 500, body: `quota exceeded for ${KEY}` }));

    const embed = embedOf(await h.command("ask", { question: QUESTION }));
    const extractive = await harness.engine().ask(QUESTION);

    expect(embed.description).not.toContain("According to the report");
    expect(embed.description).toContain(extractive.sentences[0]!.text.slice(0, 40));
    expect(warnings).toEqual([expect.stringMatching(/^LLM summary not used \(the model failed: .*500/)]);
    expect(warnings.join("\n")).not.toContain(KEY);
  });
});
