import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIMessage } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open.js";
import { buttonId, customIds, embedOf, expectMentionsMutedEverywhere, startHarness, type Harness } from "../bot/harness.js";

// Paging needs more documents than the bundled corpus has: 30 short generated articles, two of them "alpha".
const DOCUMENTS = 30;

let engine: AnswerEngine;
let dir: string;
let harness: Harness | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sitrep-sources-"));
  const corpusDir = path.join(dir, "corpus");
  await mkdir(corpusDir);
  for (let i = 1; i <= DOCUMENTS; i++) {
    const n = String(i).padStart(2, "0");
    const title = i <= 2 ? `Alpha: report ${n}` : `Report ${n}`;
    const body = `---\ntitle: "${title}"\npublished: 2024-11-${n}\n---\nThe ${n}th report says little.\n\nA second paragraph.\n`;
    await writeFile(path.join(corpusDir, `report-${n}.md`), body);
  }
  ({ engine } = await openEngine({ corpusDir, indexDir: path.join(dir, "index") }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function listed(message: APIMessage | undefined): string[] {
  return (message?.embeds[0]?.description ?? "").split("\n").filter((line) => line.startsWith("**"));
}

describe("/sources end to end through discord.js", () => {
  it("GIVEN 30 documents WHEN a user lists the sources THEN page 1 of 3 shows 10, and Next and Previous page in place", async () => {
    const h = (harness = await startHarness(engine));

    const first = await h.command("sources");
    expect(first.deferred).toBe(false);
    expect(listed(first.message)).toHaveLength(10);
    expect(listed(first.message)[0]).toBe("**Alpha: report 01** · 2024-11-01 · 2 paragraphs · `report-01`");
    expect(embedOf(first).footer?.text).toBe("Page 1 of 3 · 30 documents");

    const next = await h.press(first.message!, buttonId(first.message, "sources:page:2"));
    expect(next.callbackType).toBe(7);
    const page2 = h.standin.message(first.message!.id);
    expect(page2?.embeds[0]?.footer?.text).toBe("Page 2 of 3 · 30 documents");
    expect(listed(page2)[0]).toContain("Report 11");

    await h.press(page2!, buttonId(page2, "sources:page:3"));
    const last = h.standin.message(first.message!.id);
    expect(listed(last)).toHaveLength(10);
    expect(customIds(last)).toEqual(["sources:page:2:", "sources:page:4:"]);
    const row = last?.components?.[0];
    expect(row && "components" in row ? row.components.map((c) => ("disabled" in c ? c.disabled === true : false)) : []).toEqual([false, true]);

    await h.press(last!, "sources:page:2:");
    expect(h.standin.message(first.message!.id)?.embeds[0]?.footer?.text).toBe("Page 2 of 3 · 30 documents");
    expectMentionsMutedEverywhere(h.standin);
  });

  it("GIVEN a filter WHEN a user lists the sources THEN only matching documents are listed and the filter survives paging", async () => {
    const h = (harness = await startHarness(engine));

    const alpha = await h.command("sources", { filter: "ALPHA:" });
    const none = await h.command("sources", { filter: "zzz" });

    expect(listed(alpha.message)).toHaveLength(2);
    expect(embedOf(alpha).description).toMatch(/^Matching \*\*ALPHA:\*\*\n\n/);
    expect(customIds(alpha.message)).toEqual([]);
    expect(embedOf(none).description).toContain("No document matches.");

    const reports = await h.command("sources", { filter: "report" });
    const next = buttonId(reports.message, "sources:page:2:");
    expect(next).toBe("sources:page:2:report");
    await h.press(reports.message!, next);
    expect(h.standin.message(reports.message!.id)?.embeds[0]?.footer?.text).toBe("Page 2 of 3 · 30 documents");
  });

  it("GIVEN more documents than Discord allows choices WHEN /passage autocompletes THEN at most 25 choices come back", async () => {
    const h = (harness = await startHarness(engine));

    const id = h.standin.sendAutocomplete({ name: "passage", focused: "document", options: { document: "" } });
    const choices = (await h.standin.waitForInteractionResponse(id)).choices ?? [];

    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: "Alpha: report 01 (2 ¶)", value: "report-01" });
  });
});
