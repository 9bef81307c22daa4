import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open.js";
import { CorpusLibrary } from "../../src/curation/library.js";
import { MAX_UPLOAD_BYTES } from "../../src/curation/upload.js";
import { buttonId, CORPUS_DIR, embedOf, SEED_ID, startHarness, type Harness } from "../bot/harness.js";

const GENEVA = `---
title: Geneva Ceasefire Talks Open
published: 2026-11-25
source: Wire
---

Ceasefire talks between Ukrainian and Russian delegations opened in Geneva on Wednesday under Swiss mediation.

The mediators put a large prisoner exchange first on the agenda, ahead of any discussion of front lines.
`;
const GENEVA_QUESTION = "What did the mediators put first on the agenda of the Geneva talks?";

let workDir: string;
let corpusDir: string;
let indexDir: string;
let engine: AnswerEngine;
let library: CorpusLibrary;
let curatorRoleIds: string[];
let h: Harness;
let curatorId: string;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "sitrep-corpus-cmd-"));
  corpusDir = path.join(workDir, "corpus");
  indexDir = path.join(workDir, "index");
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
  ({ engine } = await openEngine({ corpusDir, indexDir }));
  library = new CorpusLibrary({ corpusDir, engine, open: () => openEngine({ corpusDir, indexDir }) });
  curatorRoleIds = [];
  h = await startHarness(engine, { curation: { library, curatorRoleIds } });
  const role = h.standin.addRole("Curators");
  curatorRoleIds.push(role.id);
  curatorId = h.standin.addMember({ username: "curator", roleIds: [role.id] }).id;
});

afterEach(async () => {
  await h.close();
  await rm(workDir, { recursive: true, force: true });
});

async function corpus(subcommand: string, options: Record<string, string | number> = {}, userId = curatorId) {
  const id = h.standin.sendSlashCommand({ name: "corpus", subcommand, options, userId });
  return h.standin.waitForInteractionResponse(id, { timeoutMs: 20_000 });
}

async function upload(filename: string, bytes: Buffer | string, userId = curatorId, extra: Record<string, string> = {}) {
  const attachment = h.standin.addAttachment(filename, bytes, "text/markdown");
  return corpus("add", { file: attachment.id, ...extra }, userId);
}

async function ask(question: string) {
  const response = await h.command("ask", { question });
  return embedOf(response);
}

describe("/corpus add end to end through discord.js", () => {
  it("GIVEN a curator uploads an article THEN the reply names it and the next /ask cites it", async () => {
    const response = await upload("geneva.md", GENEVA);

    expect(response.ephemeral).toBe(true);
    const added = embedOf(response);
    expect(added.title).toBe("Article added");
    expect(added.description).toMatch(/\*\*Geneva Ceasefire Talks Open\*\*\n2 paragraphs · id `geneva-ceasefire-talks-open-[0-9a-f]{8}` · 2026-11-25/);
    expect(await readdir(corpusDir)).toHaveLength(2);

    const answer = await ask(GENEVA_QUESTION);
    expect(JSON.stringify(answer)).toContain("Geneva Ceasefire Talks Open");
    expect(answer.description).toContain("prisoner exchange");
  });

  it("GIVEN the same article uploaded twice, or the seed's text as a new file THEN it is reported as a duplicate, not added", async () => {
    await upload("geneva.md", GENEVA);
    const again = await upload("geneva-copy.md", GENEVA);
    expect(again.content).toMatch(/^Not added: the corpus already has this text as \*\*Geneva Ceasefire Talks Open\*\*/);

    const seed = await readFile(path.join(CORPUS_DIR, `${SEED_ID}.txt`));
    expect((await upload("troops.txt", seed)).content).toContain(`\`${SEED_ID}\``);
    expect(await readdir(corpusDir)).toHaveLength(2);
  });

  it("GIVEN a member without the curator role or Manage Server THEN add, remove and reindex are refused and nothing is written", async () => {
    const plain = h.standin.ids.memberUserId;
    for (const response of [await upload("geneva.md", GENEVA, plain), await corpus("remove", { document: SEED_ID }, plain), await corpus("reindex", {}, plain)]) {
      expect(response.ephemeral).toBe(true);
      expect(response.content).toBe("Only members with the curator role or the **Manage Server** permission can change the corpus. Ask a server admin.");
    }
    expect(await readdir(corpusDir)).toEqual([`${SEED_ID}.txt`]);
    // Listing is open to everyone.
    expect(embedOf(await corpus("list", {}, plain)).footer?.text).toBe("Page 1 of 1 · 1 document");
  });

  it("GIVEN a server admin without the curator role THEN Manage Server is enough", async () => {
    const response = await upload("geneva.md", GENEVA, h.standin.ids.adminUserId);
    expect(embedOf(response).title).toBe("Article added");
  });

  it.each([
    ["an oversized file", "big.md", Buffer.alloc(MAX_UPLOAD_BYTES + 10, 0x61), /at most 5 MiB/],
    ["a binary file", "photo.md", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]), /looks binary/],
    ["a path in the file name", "../../../escape.md", GENEVA, /not a plain file name/],
    ["a PDF", "report.pdf", "%PDF-1.7", /Only \.md .* and \.txt files/],
    ["a date that is not one", "geneva.md", GENEVA, /given is not valid: front matter "published" must be a date/],
  ])("GIVEN %s THEN the upload is refused with a clear message and nothing is written", async (what, name, bytes, message) => {
    const response = await upload(name, bytes, curatorId, what === "a date that is not one" ? { published: "yesterday" } : {});
    expect(response.ephemeral).toBe(true);
    expect(response.content).toMatch(message);
    expect(await readdir(corpusDir)).toEqual([`${SEED_ID}.txt`]);
    expect((await readdir(workDir)).sort()).toEqual(["corpus", "index"]);
  });
});

describe("/corpus remove, list and reindex end to end", () => {
  it("GIVEN a curator picks a document THEN a confirm button removes it, and answers stop citing it", async () => {
    await upload("geneva.md", GENEVA);
    const geneva = library.documents().find((d) => d.title === "Geneva Ceasefire Talks Open")!;

    const choicesId = h.standin.sendAutocomplete({ name: "corpus", subcommand: "remove", focused: "document", options: { document: "geneva" } });
    expect((await h.standin.waitForInteractionResponse(choicesId)).choices).toEqual([{ name: `Geneva Ceasefire Talks Open (${geneva.id})`, value: geneva.id }]);

    const confirm = await corpus("remove", { document: geneva.id });
    expect(confirm.content).toMatch(/^Remove \*\*Geneva Ceasefire Talks Open\*\*/);
    const removeButton = buttonId(confirm.message, "corpus:remove:");

    // The button checks again who presses it.
    const refused = await h.press(confirm.message!, removeButton, h.standin.ids.memberUserId);
    expect(refused.followups.at(-1)?.content ?? refused.content).toMatch(/^Only members with/);
    expect(library.documents()).toHaveLength(2);

    const done = await h.press(confirm.message!, removeButton, curatorId);
    await h.standin.waitFor("the removal", () => library.documents().length === 1, { timeoutMs: 20_000 });
    expect(done.message?.content ?? "").not.toBe("");
    expect(await readdir(corpusDir)).toEqual([`${SEED_ID}.txt`]);
    expect(JSON.stringify(await ask(GENEVA_QUESTION))).not.toContain("Geneva Ceasefire Talks Open");
  });

  it("GIVEN the curator presses Keep THEN nothing is removed", async () => {
    const confirm = await corpus("remove", { document: SEED_ID });
    const kept = await h.press(confirm.message!, buttonId(confirm.message, "corpus:keep"), curatorId);
    expect(kept.content).toBe("Kept: nothing was removed.");
    expect(library.documents()).toHaveLength(1);
  });

  it("GIVEN a file dropped into the corpus folder by hand THEN /corpus reindex indexes it and says so", async () => {
    await writeFile(path.join(corpusDir, "geneva-by-hand.md"), GENEVA);
    await writeFile(path.join(corpusDir, "broken.md"), "---\ntitle: [oops\n---\n\nText.\n");

    const response = await corpus("reindex");
    expect(response.content).toMatch(/^Re-indexed in [\d.]+ s: 2 documents, \d+ passages\.\nAdded: `geneva-by-hand`/);
    expect(response.content).toMatch(/1 file skipped:\n• `broken\.md`: front matter is not valid YAML/);
    expect(JSON.stringify(await ask(GENEVA_QUESTION))).toContain("Geneva Ceasefire Talks Open");
    expect((await corpus("reindex")).content).toMatch(/^The index was already up to date: 2 documents\./);
  });

  it("GIVEN more documents than fit a page THEN /corpus list pages through them with buttons", async () => {
    for (let i = 1; i <= 11; i++) await writeFile(path.join(corpusDir, `note-${i}.txt`), `Field note number ${i} about the harbour.\n`);
    await library.reindex();

    const first = await corpus("list");
    expect(embedOf(first).footer?.text).toBe("Page 1 of 2 · 12 documents");
    const second = await h.press(first.message!, buttonId(first.message, "corpus:page:2"), curatorId);
    expect(embedOf(second).footer?.text).toBe("Page 2 of 2 · 12 documents");
    expect(embedOf(second).description).toContain("file `note-9.txt`");
  });
});
