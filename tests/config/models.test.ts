import { describe, expect, it } from "vitest";
import { readBotConfig, readModelsConfig } from "../../src/config/env.js";
import { DEFAULT_LLM_TIMEOUT_MS, DEFAULT_OLLAMA_URL, modelSecrets, OFFLINE_MODELS } from "../../src/config/models.js";
import { problemsOf } from "./problems.js";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.abcdefghijklmnopqrstuvwxyz";
const KEY = "sk-test-0123456789abcdefghij";

describe("readModelsConfig", () => {
  it("GIVEN no model settings WHEN read THEN the offline extractive summarizer and local embedder are used", () => {
    expect(readModelsConfig({})).toEqual(OFFLINE_MODELS);
    expect(readModelsConfig({ SUMMARIZER: "", EMBEDDINGS: " " })).toEqual(OFFLINE_MODELS);
  });

  it("GIVEN SUMMARIZER=llm against a local server WHEN read THEN it needs no key and the timeout defaults", () => {
    const models = readModelsConfig({ SUMMARIZER: "llm", LLM_BASE_URL: "http://127.0.0.1:11434/v1/", LLM_MODEL: "llama3.1" });

    expect(models.summarizer).toEqual({
      kind: "llm",
      llm: { baseUrl: "http://127.0.0.1:11434/v1", model: "llama3.1", timeoutMs: DEFAULT_LLM_TIMEOUT_MS },
    });
  });

  it("GIVEN hosted embeddings WHEN read THEN each provider gets its default model and endpoint unless set", () => {
    expect(readModelsConfig({ EMBEDDINGS: "ollama" }).embeddings).toEqual({
      kind: "ollama",
      model: "nomic-embed-text",
      baseUrl: DEFAULT_OLLAMA_URL,
      timeoutMs: 60_000,
    });
    expect(readModelsConfig({ EMBEDDINGS: "openai", EMBEDDINGS_API_KEY: KEY, EMBEDDINGS_MODEL: "text-embedding-3-large" }).embeddings).toEqual({
      kind: "openai",
      model: "text-embedding-3-large",
      apiKey: KEY,
      timeoutMs: 60_000,
    });
  });

  it("GIVEN several bad settings WHEN read THEN every problem is reported at once and no key is echoed", () => {
    const problems = problemsOf(() =>
      readModelsConfig({ SUMMARIZER: "gpt", EMBEDDINGS: "cohere", LLM_TIMEOUT_MS: "soon", LLM_BASE_URL: "ftp://x", LLM_API_KEY: KEY }),
    );

    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).not.toContain(KEY);
    expect(problems.find((p) => p.startsWith("SUMMARIZER="))).toContain("extractive or llm");
    expect(problems.find((p) => p.startsWith("EMBEDDINGS="))).toContain("local, openai or ollama");
  });

  it("GIVEN SUMMARIZER=llm without a model or an endpoint WHEN read THEN both missing settings are named", () => {
    const problems = problemsOf(() => readModelsConfig({ SUMMARIZER: "llm", EMBEDDINGS: "openai" }));

    expect(problems.map((p) => p.split(" ")[0])).toEqual(["LLM_MODEL", "LLM_API_KEY", "EMBEDDINGS_API_KEY"]);
  });

  it("GIVEN a malformed timeout next to a key WHEN read THEN the key's value is hidden in the message", () => {
    const problems = problemsOf(() => readModelsConfig({ SUMMARIZER: "llm", LLM_MODEL: "m", LLM_API_KEY: KEY, LLM_TIMEOUT_MS: "5" }));

    expect(problems).toEqual([expect.stringMatching(/^LLM_TIMEOUT_MS="5" must be at least 100/)]);
  });

  it("GIVEN keys WHEN the secrets to scrub are listed THEN both keys are there", () => {
    const models = readModelsConfig({ SUMMARIZER: "llm", LLM_MODEL: "m", LLM_API_KEY: KEY, EMBEDDINGS: "openai", EMBEDDINGS_API_KEY: `${KEY}-2` });

    expect(modelSecrets(models)).toEqual([KEY, `${KEY}-2`]);
  });
});

describe("readBotConfig with model settings", () => {
  it("GIVEN a bad model setting and a bad bot setting WHEN read THEN both are reported together", () => {
    const problems = problemsOf(() =>
      readBotConfig({ DISCORD_TOKEN: TOKEN, THREADS: "secret", SUMMARIZER: "llm" }, { cwd: "/srv", isDirectory: () => true }),
    );

    expect(problems.map((p) => p.split(/[ =]/)[0]).sort()).toEqual(["LLM_API_KEY", "LLM_MODEL", "THREADS"]);
  });

  it("GIVEN valid model settings WHEN the bot config is read THEN it carries them", () => {
    const config = readBotConfig({ DISCORD_TOKEN: TOKEN, EMBEDDINGS: "ollama" }, { cwd: "/srv", isDirectory: () => true });

    expect(config.models.embeddings.kind).toBe("ollama");
    expect(config.models.summarizer.kind).toBe("extractive");
  });
});
