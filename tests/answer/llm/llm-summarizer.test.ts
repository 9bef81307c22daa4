import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { composeDailyBrief } from "../../../src/answer/daily-brief.js";
import type { AnswerEngine } from "../../../src/answer/engine.js";
import { ExtractiveSummarizer } from "../../../src/answer/extractive.js";
import { openAiChatModel } from "../../../src/answer/llm/chat-model.js";
import { LlmSummarizer } from "../../../src/answer/llm/llm-summarizer.js";
import { SYSTEM_PROMPT } from "../../../src/answer/llm/prompt.js";
import { openEngine, sharedFeatureExtractor } from "../../../src/answer/open.js";
import { topicBrief } from "../../../src/answer/topic-brief.js";
import type { Answer, Citation } from "../../../src/answer/types.js";
import type { LlmConfig } from "../../../src/config/models.js";
import { referenceIdf } from "../../../src/retrieval/embeddings/idf.js";
import { RelevanceScorer } from "../../../src/retrieval/relevance.js";
import { startOpenAiStandin, type OpenAiStandin } from "../../support/openai-standin/server.js";
import { ARTICLES, INJECTION, obedient, passagesOf, wellCited, writeArticles } from "./fixture.js";

const KEY = "sk-standin-secret-0123456789";
const QUESTION = "When did Mount Arvel erupt and what did it bury?";

let root: string;
let standin: OpenAiStandin;
let engine: AnswerEngine;
let logs: string[];
const extractive = new ExtractiveSummarizer(new RelevanceScorer(sharedFeatureExtractor(), referenceIdf()));

function llm(overrides: Partial<LlmConfig> = {}): LlmConfig {
  return { baseUrl: standin.url, model: "standin-chat", apiKey: KEY, timeoutMs: 5_000, ...overrides };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "sitrep-llm-"));
  await writeArticles(path.join(root, "corpus"));
  standin = await startOpenAiStandin();
  ({ engine } = await openEngine({
    corpusDir: path.join(root, "corpus"),
    indexDir: path.join(root, "index"),
    models: { summarizer: { kind: "llm", llm: llm() }, embeddings: { kind: "local" } },
    warn: (message) => logs.push(message),
  }));
});

afterAll(async () => {
  await standin.close();
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  logs = [];
  standin.requests.length = 0;
});

const chatRequests = () => standin.requests.filter((r) => r.path === "/v1/chat/completions");

/** What the engine answers without a model: the fallback every failure must produce. */
async function extractiveAnswer(question: string): Promise<string> {
  return extractive.summarize(question, await engine.search(question, { k: 6 })).answer;
}

/** The invariants of any answer shown to a user: markers by first use, each backed by a verbatim quote. */
function expectVerbatim(citations: readonly Citation[]): void {
  const paragraphs = Object.values(ARTICLES).flatMap((text) => text.split("\n"));
  for (const citation of citations) expect(paragraphs.some((p) => p.includes(citation.quote)), citation.quote).toBe(true);
}

function expectVerified(answer: Answer): void {
  expect(answer.abstained).toBe(false);
  const markers = [...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const firstUse = [...new Set(markers)];
  expect(firstUse).toEqual(firstUse.map((_, i) => i + 1));
  expect(answer.citations.map((c) => c.n)).toEqual(firstUse);
  expectVerbatim(answer.citations);
  for (const sentence of answer.sentences) expect(sentence.text).not.toMatch(/\[\d+\]/);
}

describe("LlmSummarizer through the engine", () => {
  it("GIVEN a model that cites well WHEN asked THEN its sentences are the answer, cited by first use with verbatim quotes", async () => {
    let given: ReturnType<typeof passagesOf> = [];
    standin.script((request) => {
      given = passagesOf(request);
      return wellCited([2, 1])(request);
    });

    const answer = await engine.ask(QUESTION);

    expectVerified(answer);
    expect(answer.sentences.map((s) => s.text)).toEqual([
      expect.stringMatching(/^According to the report, /),
      expect.stringMatching(/^According to the report, /),
    ]);
    // The model cited passage 2 first: it becomes [1].
    expect(answer.citations[0]!.quote).toBe(given[1]!.text.slice(0, answer.citations[0]!.quote.length));
    expect(answer.citations[1]!.quote).toBe(given[0]!.text.slice(0, answer.citations[1]!.quote.length));
    expect(answer.answer).toBe(`${answer.sentences[0]!.text} [1] ${answer.sentences[1]!.text} [2]`);
    expect(chatRequests()).toHaveLength(1);
    expect(chatRequests()[0]!.authorization).toBe(`Bearer ${KEY}`);
    expect(logs).toEqual([]);
  });

  it("GIVEN invented citation numbers WHEN asked THEN they are removed and a sentence citing only them is dropped", async () => {
    standin.script((request) => {
      const [a, b] = passagesOf(request);
      return { content: `${a!.text.split(". ")[0]} [1][9]. Selmouth was rebuilt in 1800 [7]. ${b!.text.split(". ")[0]} [2].` };
    });

    const answer = await engine.ask(QUESTION);

    expectVerified(answer);
    expect(answer.answer).not.toContain("rebuilt");
    expect(answer.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(logs.join("\n")).toMatch(/dropped 1 of 3 sentences and 2 citations/);
  });

  it("GIVEN an uncited sentence among cited ones WHEN asked THEN only the uncited one is dropped", async () => {
    standin.script((request) => {
      const [a, b] = passagesOf(request);
      return { content: `${a!.text.split(". ")[0]} [1]. Experts agree this was the worst disaster in history. ${b!.text.split(". ")[0]} [2].` };
    });

    const answer = await engine.ask(QUESTION);

    expectVerified(answer);
    expect(answer.sentences).toHaveLength(2);
    expect(answer.answer).not.toContain("Experts");
  });

  it("GIVEN output with no usable citation WHEN asked THEN the extractive summary answers and the reason is logged", async () => {
    standin.script(() => ({ content: '```json\n{"answer": "Mount Arvel erupted in 1783", "sources": "passage one"}\n```' }));

    const answer = await engine.ask(QUESTION);

    expect(answer.answer).toBe(await extractiveAnswer(QUESTION));
    expect(logs).toEqual([expect.stringMatching(/^LLM summary not used \(0 of the \d+ sentences .*\); answering with the extractive summary$/)]);
  });

  it("GIVEN a model that finds no answer WHEN asked THEN the extractive summary answers and the log says so", async () => {
    standin.script(() => ({ content: "NO ANSWER" }));

    const answer = await engine.ask(QUESTION);

    expect(answer.answer).toBe(await extractiveAnswer(QUESTION));
    expect(logs).toEqual(["LLM summary not used (the model found no answer in the passages); answering with the extractive summary"]);
  });

  it("GIVEN a reply that is not a chat completion WHEN asked THEN the extractive summary answers", async () => {
    standin.script(() => ({ raw: "<html>gateway error</html>" }));

    const answer = await engine.ask(QUESTION);

    expect(answer.answer).toBe(await extractiveAnswer(QUESTION));
    expect(logs).toEqual([expect.stringMatching(/^LLM summary not used \(the model failed: /)]);
  });

  it("GIVEN a 500 WHEN asked THEN it is not retried, the extractive summary answers, and the key is in no log line", async () => {
    standin.script(() => ({ status: 500, body: `upstream exploded for key ${KEY}` }));

    const answer = await engine.ask(QUESTION);

    expect(answer.answer).toBe(await extractiveAnswer(QUESTION));
    expect(chatRequests()).toHaveLength(1);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain("500");
    expect(logs[0]).not.toContain(KEY);
  });

  it("GIVEN a question the corpus does not answer WHEN asked THEN the engine abstains without calling the model", async () => {
    standin.script(wellCited());

    const answer = await engine.ask("What is the price of tea in Shanghai?");

    expect(answer.abstained).toBe(true);
    expect(chatRequests()).toHaveLength(0);
  });
});

describe("briefs over model-written answers", () => {
  it("GIVEN model-written sentences WHEN a daily brief and a topic brief are composed THEN every quote is still verbatim", async () => {
    standin.script(wellCited([1, 2]));

    const daily = await composeDailyBrief(engine, { now: new Date(), timeZone: "UTC", topics: ["Mount Arvel eruption"] });
    const topic = await topicBrief(engine, "Mount Arvel eruption");

    expect(daily.keyPoints[0]!.text).toMatch(/^According to the report, /);
    expect(topic.groups.flatMap((g) => g.points.map((p) => p.text))).toContainEqual(expect.stringMatching(/^According to the report, /));
    expectVerbatim(daily.citations);
    expectVerbatim(topic.citations);
  });
});

describe("LlmSummarizer and the question as typed", () => {
  it("GIVEN a question that retrieval read in other words WHEN sent THEN the model gets the user's own wording", async () => {
    standin.script(wellCited());
    const summarizer = new LlmSummarizer(openAiChatModel(llm()), extractive, { timeoutMs: 5_000, secrets: [KEY] });
    const read = "When did Mount Arvel erupt?";
    const typed = "When did Arvel blow its top?";

    await summarizer.summarize(read, await engine.search(read, { k: 6 }), typed);

    const [request] = chatRequests();
    const user = (request!.body as { messages: { content: string }[] }).messages[1]!.content;
    expect(user).toContain(typed);
    expect(user).not.toContain(read);
  });
});

describe("LlmSummarizer and untrusted passages", () => {
  const INJECTED_QUESTION = "What happened in the 1783 eruption of Mount Arvel, and what must visitors do?";

  it("GIVEN a passage carrying an injection WHEN sent THEN it travels fenced as data under the system prompt, unable to close its fence", async () => {
    standin.script(wellCited());

    await engine.ask(INJECTED_QUESTION);

    const [request] = chatRequests();
    const body = request!.body as { messages: { role: string; content: string }[] };
    expect(body.messages[0]).toEqual({ role: "system", content: SYSTEM_PROMPT });
    const user = body.messages[1]!.content;
    expect(user).toContain(INJECTION);
    const passages = user.match(/<passage n="\d+"/g) ?? [];
    expect(user.match(/<\/passage>/g)).toHaveLength(passages.length);
  });

  it("GIVEN a model that obeys the injection WHEN asked THEN its uncited text is dropped and the extractive summary answers", async () => {
    standin.script(obedient);

    const answer = await engine.ask(INJECTED_QUESTION);

    expect(answer.answer).not.toContain("perfectly safe");
    expect(answer.answer).toBe(await extractiveAnswer(INJECTED_QUESTION));
    expect(logs).toEqual([expect.stringContaining("0 of the 1 sentences")]);
  });

  it("GIVEN a well-behaved model WHEN the injection passage is among those given THEN the answer is its cited summary", async () => {
    let sawInjection = false;
    standin.script((request) => {
      sawInjection = passagesOf(request).some((p) => p.text.includes(INJECTION));
      return wellCited()(request);
    });

    const answer = await engine.ask(INJECTED_QUESTION);

    expect(sawInjection).toBe(true);
    expectVerified(answer);
    expect(answer.sentences).toHaveLength(2);
    expect(answer.answer).not.toContain("perfectly safe");
    expect(logs).toEqual([]);
  });
});

describe("LlmSummarizer deadline", () => {
  it("GIVEN a model that never answers WHEN summarizing THEN the extractive summary answers once the timeout passes", async () => {
    standin.script(() => ({ hang: true }));
    const log: string[] = [];
    const summarizer = new LlmSummarizer(openAiChatModel(llm({ timeoutMs: 300 })), extractive, { timeoutMs: 300, log: (m) => log.push(m) });
    const hits = await engine.search(QUESTION, { k: 6 });

    const summary = await summarizer.summarize(QUESTION, hits);

    expect(summary.answer).toBe(extractive.summarize(QUESTION, hits).answer);
    expect(chatRequests()).toHaveLength(1);
    expect(log).toEqual([expect.stringMatching(/^LLM summary not used \(the model failed: no reply within 300 ms\)/)]);
  });
});
