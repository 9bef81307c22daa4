import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open.js";
import { offThreadOpener, syncIndexOffThread } from "../../src/curation/sync-off-thread.js";
import type { ModelsConfig } from "../../src/config/models.js";
import { readManifest } from "../../src/retrieval/manifest.js";
import { startOpenAiStandin } from "../support/openai-standin/server.js";
import { CORPUS_DIR, SEED_ID } from "../bot/harness.js";

let work: string;
let corpusDir: string;
let indexDir: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "sitrep-off-thread-"));
  corpusDir = path.join(work, "corpus");
  indexDir = path.join(work, "index");
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("syncIndexOffThread", () => {
  it("GIVEN a corpus THEN a worker thread publishes the index, forwards warnings, and the engine opened after it has nothing left to do", async () => {
    await writeFile(path.join(corpusDir, "broken.md"), "---\ntitle: [oops\n---\n\nText.\n");
    const warnings: string[] = [];

    const report = await syncIndexOffThread({ corpusDir, indexDir }, (message) => warnings.push(message));

    expect(report).toMatchObject({ documents: 1, passages: 14, added: [SEED_ID], rebuilt: "no index yet" });
    expect(warnings).toEqual([expect.stringMatching(/^skipped broken\.md: front matter is not valid YAML/)]);
    const { engine, report: after } = await openEngine({ corpusDir, indexDir });
    expect(after).toMatchObject({ added: [], changed: [], removed: [] });
    expect(after.rebuilt).toBeUndefined();
    expect((await engine.ask("How many North Korean soldiers were sent to Kursk?")).citations[0]?.docId).toBe(SEED_ID);
  });

  it("GIVEN the sync fails in the worker THEN it rejects with the reason and the published index is untouched", async () => {
    await syncIndexOffThread({ corpusDir, indexDir });
    const before = await readManifest(indexDir);

    await expect(syncIndexOffThread({ corpusDir: path.join(work, "missing"), indexDir })).rejects.toThrow(
      /^re-indexing failed: cannot open the corpus directory .*missing: it does not exist/,
    );
    expect(await readManifest(indexDir)).toEqual(before);
  });

  it("GIVEN the opener a bot uses THEN it returns the worker's report of what changed with a freshly loaded engine", async () => {
    await syncIndexOffThread({ corpusDir, indexDir });
    await writeFile(path.join(corpusDir, "geneva.txt"), "Ceasefire talks opened in Geneva on Wednesday.\nMediators put a prisoner exchange first.\n");

    const { engine, report } = await offThreadOpener({ corpusDir, indexDir })();

    expect(report.added).toEqual(["geneva"]);
    expect(engine.documents().map((d) => d.id).sort()).toEqual(["geneva", SEED_ID]);
  });

  it("GIVEN a hosted embedder is configured THEN the worker embeds with it too, so the engine loads its index without rebuilding", async () => {
    const standin = await startOpenAiStandin({ dimensions: { "standin-embed": 32 } });
    try {
      const models: ModelsConfig = {
        summarizer: { kind: "extractive" },
        embeddings: { kind: "openai", model: "standin-embed", baseUrl: standin.url, apiKey: "sk-test", timeoutMs: 5_000 },
      };
      const { engine, report } = await offThreadOpener({ corpusDir, indexDir, models })();

      expect(report.added).toEqual([SEED_ID]);
      const manifest = await readManifest(indexDir);
      expect(manifest.ok && manifest.manifest.embedder).toEqual({ id: "openai:standin-embed", dimensions: 32 });
      expect(engine.passageCount).toBe(14);
      // Opening again with the same models finds the worker's index current: nothing re-embedded, no rebuild.
      expect((await openEngine({ corpusDir, indexDir, models })).report).toMatchObject({ added: [], changed: [] });
    } finally {
      await standin.close();
    }
  });
});
