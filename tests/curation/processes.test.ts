import { cp, readdir, rm, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open.js";
import { readManifest } from "../../src/retrieval/manifest.js";
import { CORPUS_DIR, SEED_ID } from "../bot/harness.js";
import { BIN, useProcessCleanup } from "../support/process-cleanup.js";
import { buildMixedCorpus } from "../support/mixed-corpus.js";

const GENEVA = `---
title: Geneva Ceasefire Talks Open
---

Ceasefire talks between Ukrainian and Russian delegations opened in Geneva on Wednesday under Swiss mediation.

The mediators put a large prisoner exchange first on the agenda, ahead of any discussion of front lines.
`;

const cleanup = useProcessCleanup();

/** `sitrep <args>` as its own process; the environment holds only what the test gives (no developer's .env). */
function run(args: string[], cwd: string, env: Record<string, string | undefined>) {
  const started = cleanup.spawnNode([BIN, ...args], { cwd, env: { PATH: process.env.PATH, ...env } });
  return { process: started.process, output: () => started.stdout() + started.stderr() };
}

describe("the corpus changing under running processes", () => {
  it("GIVEN the bot running WHEN an article is dropped into the corpus folder THEN /ask cites it without a restart", async () => {
    let corpusDir = "";
    const { standin: s, bot } = await cleanup.startBot("sitrep-watch-bot-", async (work) => {
      corpusDir = path.join(work, "corpus");
      await cp(CORPUS_DIR, corpusDir, { recursive: true });
      return { CORPUS_DIR: corpusDir };
    });

    await writeFile(path.join(corpusDir, "geneva.md"), GENEVA);
    await s.waitFor("the re-index", () => bot.stdout().includes("corpus folder changed: index updated"), { timeoutMs: 30_000 });
    const asked = s.sendSlashCommand({ name: "ask", options: { question: "What did the mediators put first on the agenda in Geneva?" } });
    const answer = await s.waitForInteractionResponse(asked);
    expect(JSON.stringify(answer.message?.embeds)).toContain("Geneva Ceasefire Talks Open");

    await unlink(path.join(corpusDir, "geneva.md"));
    await s.waitFor("the second re-index", () => bot.stdout().split("corpus folder changed: index updated").length === 3, { timeoutMs: 30_000 });
    const again = await s.waitForInteractionResponse(s.sendSlashCommand({ name: "ask", options: { question: "What did the mediators put first on the agenda in Geneva?" } }));
    expect(JSON.stringify(again.message?.embeds)).not.toContain("Geneva Ceasefire Talks Open");
  });

  it("GIVEN a large re-index WHEN its process is killed midway THEN the previous index is intact and answers from it", async () => {
    const work = await cleanup.workDir("sitrep-killed-ingest-");
    const corpusDir = path.join(work, "corpus");
    const indexDir = path.join(work, "index");
    await cp(CORPUS_DIR, corpusDir, { recursive: true });
    await openEngine({ corpusDir, indexDir });
    const before = await readManifest(indexDir);
    if (!before.ok) throw new Error(before.reason);

    // 233 speeches take far longer to embed than the few seconds before the kill.
    await buildMixedCorpus(path.join(corpusDir, "sotu"));
    const ingest = run(["ingest", "--corpus", corpusDir, "--index", indexDir], work, {});
    await sleep(3000);
    expect(ingest.process.exitCode).toBeNull();
    ingest.process.kill("SIGKILL");
    await new Promise((resolve) => ingest.process.once("exit", resolve));

    const after = await readManifest(indexDir);
    expect(after.ok && after.manifest.generation).toBe(before.manifest.generation);
    await rm(path.join(corpusDir, "sotu"), { recursive: true });
    const { engine, report } = await openEngine({ corpusDir, indexDir });
    expect(report).toMatchObject({ added: [], changed: [], removed: [] });
    expect(report.rebuilt).toBeUndefined();
    const answer = await engine.ask("How many North Korean soldiers were sent to Kursk?");
    expect(answer.citations[0]?.docId).toBe(SEED_ID);
    expect((await readdir(indexDir)).filter((name) => name.startsWith("g"))).toHaveLength(1);
  });
});
