import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configuredEmbeddings, openEngine, sharedFeatureExtractor } from "../../../src/answer/open.js";
import type { EmbeddingsConfig, ModelsConfig } from "../../../src/config/models.js";
import { isUserError } from "../../../src/errors.js";
import { HostedEmbeddings } from "../../../src/retrieval/embeddings/hosted.js";
import { syncIndex, type SyncedIndex } from "../../../src/retrieval/indexing.js";
import { MANIFEST_FILE, type Manifest } from "../../../src/retrieval/manifest.js";
import { writeArticles } from "../../answer/llm/fixture.js";
import { startOpenAiStandin, type OpenAiStandin } from "../../support/openai-standin/server.js";

const KEY = "sk-embeddings-secret-0123456789";

let root: string;
let standin: OpenAiStandin;

beforeAll(async () => {
  standin = await startOpenAiStandin({ dimensions: { "standin-embed": 32, "standin-embed-large": 48, "nomic-embed-text": 24 } });
});

afterAll(async () => {
  await standin.close();
});

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "sitrep-hosted-"));
  await writeArticles(path.join(root, "corpus"));
  standin.requests.length = 0;
  standin.failEmbeddings(undefined);
  return () => rm(root, { recursive: true, force: true });
});

const openai = (model = "standin-embed"): EmbeddingsConfig => ({ kind: "openai", model, baseUrl: standin.url, apiKey: KEY, timeoutMs: 5_000 });
const ollama = (): EmbeddingsConfig => ({ kind: "ollama", model: "nomic-embed-text", baseUrl: standin.origin, timeoutMs: 5_000 });
const models = (embeddings: EmbeddingsConfig): ModelsConfig => ({ summarizer: { kind: "extractive" }, embeddings });

async function sync(embeddings: EmbeddingsConfig | "local"): Promise<SyncedIndex> {
  const embedder = await configuredEmbeddings(models(embeddings === "local" ? { kind: "local" } : embeddings));
  return syncIndex({ corpusDir: path.join(root, "corpus"), indexDir: path.join(root, "index"), embeddings: embedder, extractor: sharedFeatureExtractor() });
}

async function manifest(): Promise<Manifest> {
  return JSON.parse(await readFile(path.join(root, "index", MANIFEST_FILE), "utf8")) as Manifest;
}

function vectorSizes(index: SyncedIndex): Set<number> {
  return new Set(index.store.labels().map((label) => index.store.vectorOf(label).length));
}

describe("HostedEmbeddings", () => {
  it("GIVEN an OpenAI-compatible endpoint WHEN opened THEN one probe learns the size, and the id names provider and model", async () => {
    const embedder = await HostedEmbeddings.open(openai() as Extract<EmbeddingsConfig, { kind: "openai" }>);

    expect(embedder.id).toBe("openai:standin-embed");
    expect(embedder.dimensions).toBe(32);
    expect(standin.requests.map((r) => r.path)).toEqual(["/v1/embeddings"]);
    expect(standin.requests[0]!.body).toMatchObject({ model: "standin-embed", encoding_format: "float" });
    expect(standin.requests[0]!.authorization).toBe(`Bearer ${KEY}`);
    expect((await embedder.embedDocuments(["a lighthouse", "an orchard"])).map((v) => v.length)).toEqual([32, 32]);
  });

  it("GIVEN Ollama WHEN opened THEN its /api/embed is used and the id says ollama", async () => {
    const embedder = await configuredEmbeddings(models(ollama()));

    expect(embedder.id).toBe("ollama:nomic-embed-text");
    expect(embedder.dimensions).toBe(24);
    expect(standin.requests.map((r) => r.path)).toEqual(["/api/embed"]);
  });

  it("GIVEN an endpoint that rejects the key WHEN opened THEN a user error says what to check, without the key", async () => {
    standin.failEmbeddings(401);

    const error = await configuredEmbeddings(models(openai())).catch((e: unknown) => e);

    expect(isUserError(error) && error.code).toBe("MODEL_UNAVAILABLE");
    expect((error as Error).message).toContain("EMBEDDINGS_BASE_URL");
    expect((error as Error).message).not.toContain(KEY);
  });

  it("GIVEN an endpoint that fails after opening WHEN a question is embedded THEN a user error says the model did not answer, without the key", async () => {
    const embedder = await HostedEmbeddings.open(openai() as Extract<EmbeddingsConfig, { kind: "openai" }>);
    standin.failEmbeddings(401);

    const error = await embedder.embedQuery("Who sent troops?").catch((e: unknown) => e);

    expect(isUserError(error) && error.code).toBe("MODEL_UNAVAILABLE");
    expect((error as Error).message).toContain("HTTP 401");
    expect((error as Error).message).toContain("openai:standin-embed");
    expect((error as Error).message).not.toContain(KEY.slice(-6));
  });
});

describe("switching embedder", () => {
  it("GIVEN an index built locally WHEN the embedder changes THEN everything is re-embedded by the new one and no old vector remains", async () => {
    const local = await sync("local");
    const localSize = [...vectorSizes(local)][0]!;
    const documents = local.report.documents;

    const hosted = await sync(openai());
    expect(hosted.report.rebuilt).toMatch(/built by embedder local.*now openai:standin-embed/);
    expect(hosted.report.added).toHaveLength(documents);
    expect(hosted.store.size).toBe(local.store.size);
    expect(vectorSizes(hosted)).toEqual(new Set([32]));
    expect(localSize).not.toBe(32);
    expect((await manifest()).embedder).toEqual({ id: "openai:standin-embed", dimensions: 32 });

    const larger = await sync(openai("standin-embed-large"));
    expect(larger.report.rebuilt).toMatch(/now openai:standin-embed-large/);
    expect(vectorSizes(larger)).toEqual(new Set([48]));

    const back = await sync("local");
    expect(back.report.added).toHaveLength(documents);
    expect(vectorSizes(back)).toEqual(new Set([localSize]));
  });

  it("GIVEN an index built by a hosted embedder WHEN opened again with it THEN nothing is re-embedded", async () => {
    await sync(ollama());
    standin.requests.length = 0;

    const again = await sync(ollama());

    expect(again.report.rebuilt).toBeUndefined();
    expect(again.report.added).toEqual([]);
    // Only the probe: the passages were not sent again.
    expect(standin.requests).toHaveLength(1);
  });

  it("GIVEN hosted embeddings WHEN the engine answers THEN retrieval runs on them and the answer is cited", async () => {
    const { engine } = await openEngine({ corpusDir: path.join(root, "corpus"), indexDir: path.join(root, "index"), models: models(ollama()) });

    const answer = await engine.ask("When did Mount Arvel erupt?");

    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]!.quote).toContain("1783");
  });
});
