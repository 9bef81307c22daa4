import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { composeDailyBrief } from "../../src/answer/daily-brief.js";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open.js";
import { CorpusLibrary, type AddOutcome } from "../../src/curation/library.js";
import { prepareUpload } from "../../src/curation/upload.js";
import { isUserError } from "../../src/errors.js";

const LIGHTHOUSE = "The lighthouse keeper painted the tower blue in spring.\nShips passing the cape saw the new colour from far out.\n";
const ORCHARD = "The orchard produced a record harvest of apples this autumn.\nPickers worked late into October to bring the crop in.\n";
const GENEVA = "Ceasefire talks opened in Geneva on Monday with both delegations present.\nMediators put prisoner exchanges first on the agenda of the talks.\n";
const GENEVA_QUESTION = "What did the mediators put first on the agenda in Geneva?";

let corpusDir: string;
let indexDir: string;
let engine: AnswerEngine;
let opens: number;
let gate: Promise<void> | undefined;
let library: CorpusLibrary;

const open = async () => {
  opens++;
  await gate;
  return openEngine({ corpusDir, indexDir });
};

beforeEach(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), "sitrep-library-corpus-"));
  indexDir = await mkdtemp(path.join(tmpdir(), "sitrep-library-index-"));
  await writeFile(path.join(corpusDir, "lighthouse.txt"), LIGHTHOUSE);
  await writeFile(path.join(corpusDir, "orchard.txt"), ORCHARD);
  opens = 0;
  gate = undefined;
  ({ engine } = await openEngine({ corpusDir, indexDir }));
  library = new CorpusLibrary({ corpusDir, engine, open });
});

afterEach(async () => {
  await rm(corpusDir, { recursive: true, force: true });
  await rm(indexDir, { recursive: true, force: true });
});

function added(outcome: AddOutcome | undefined) {
  if (outcome?.kind !== "added") throw new Error(`expected an added document, got ${JSON.stringify(outcome)}`);
  return outcome.document;
}

async function citedDocs(question: string): Promise<string[]> {
  const answer = await engine.ask(question);
  return answer.citations.map((c) => c.docId);
}

describe("CorpusLibrary.add", () => {
  it("GIVEN a new article THEN it is written under its generated name and the same engine object cites it next", async () => {
    const prepared = prepareUpload("geneva.txt", Buffer.from(GENEVA));
    const document = added((await library.add([prepared]))[0]);

    expect(document).toMatchObject({ id: prepared.article.id, title: "Geneva", paragraphs: 2, file: prepared.fileName });
    expect(document.indexedAt).toBeDefined();
    expect((await readdir(corpusDir)).sort()).toEqual([prepared.fileName, "lighthouse.txt", "orchard.txt"].sort());
    expect(await citedDocs(GENEVA_QUESTION)).toContain(prepared.article.id);
  });

  it("GIVEN text already in the corpus (as another file and format) THEN it is a duplicate and nothing is written", async () => {
    const before = await readdir(corpusDir);
    const [outcome] = await library.add([prepareUpload("renamed.md", Buffer.from(`# Orchard news\n\n${ORCHARD.split("\n").join("\n\n")}`))]);
    expect(outcome).toEqual({ kind: "duplicate", document: expect.objectContaining({ id: "orchard" }) as unknown });
    expect(await readdir(corpusDir)).toEqual(before);
    expect(opens).toBe(0);
  });

  it("GIVEN one batch with the same article twice THEN the first is added and the second reported as its duplicate", async () => {
    const first = prepareUpload("geneva.txt", Buffer.from(GENEVA));
    const again = prepareUpload("geneva-copy.txt", Buffer.from(GENEVA));
    const outcomes = await library.add([first, again]);
    expect(added(outcomes[0]).id).toBe(first.article.id);
    expect(outcomes[1]).toMatchObject({ kind: "duplicate", document: { id: first.article.id } });
    expect(opens).toBe(1);
  });

  it("GIVEN a re-index in progress THEN questions are answered from the previous index until the new one is swapped in", async () => {
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const prepared = prepareUpload("geneva.txt", Buffer.from(GENEVA));
    const adding = library.add([prepared]);

    const during = await engine.ask(GENEVA_QUESTION);
    expect(during.citations.map((c) => c.docId)).not.toContain(prepared.article.id);
    expect(engine.documents().map((d) => d.id)).toEqual(["lighthouse", "orchard"]);

    release();
    await adding;
    expect(await citedDocs(GENEVA_QUESTION)).toContain(prepared.article.id);
  });

  it("GIVEN the re-index fails THEN the add rejects, the previous index keeps answering, and the next re-index succeeds", async () => {
    gate = Promise.reject(new Error("disk full"));
    gate.catch(() => undefined);
    const prepared = prepareUpload("geneva.txt", Buffer.from(GENEVA));
    await expect(library.add([prepared])).rejects.toThrow("disk full");
    expect(await citedDocs("Who painted the tower blue?")).toContain("lighthouse");

    gate = undefined;
    expect(await library.reindex()).toMatchObject({ kind: "reindexed", report: { added: [prepared.article.id] } });
    expect(await citedDocs(GENEVA_QUESTION)).toContain(prepared.article.id);
  });

  it("GIVEN an article added after the last brief THEN the next daily brief lists it as new", async () => {
    const since = new Date();
    const prepared = prepareUpload("geneva.txt", Buffer.from(GENEVA), { title: "Geneva talks open" });
    await library.add([prepared]);
    const brief = await composeDailyBrief(engine, { now: new Date(Date.now() + 1000), timeZone: "UTC", since });
    expect(brief.newSince.map((line) => line.label)).toEqual(["Geneva talks open"]);
  });
});

describe("CorpusLibrary.remove and reindex", () => {
  it("GIVEN a document id THEN its file is deleted and answers stop citing it", async () => {
    expect(await citedDocs("Who painted the tower blue?")).toContain("lighthouse");
    const { document, report } = await library.remove("lighthouse");
    expect(document.title).toBe("Lighthouse");
    expect(report?.removed).toEqual(["lighthouse"]);
    expect(await readdir(corpusDir)).toEqual(["orchard.txt"]);
    expect(await citedDocs("Who painted the tower blue?")).not.toContain("lighthouse");
  });

  it("GIVEN an unknown id THEN it is a UserError and nothing is deleted", async () => {
    const error: unknown = await library.remove("../orchard").catch((e: unknown) => e);
    expect(isUserError(error) && error.code).toBe("UNKNOWN_DOCUMENT");
    expect((await readdir(corpusDir)).sort()).toEqual(["lighthouse.txt", "orchard.txt"]);
  });

  it("GIVEN a file edited by hand THEN reindex picks it up, and a second reindex finds nothing to do", async () => {
    await writeFile(path.join(corpusDir, "orchard.txt"), ORCHARD.replace("apples", "pears"));
    expect(await library.reindex()).toMatchObject({ kind: "reindexed", report: { changed: ["orchard"] } });
    expect(await library.reindex()).toEqual({ kind: "unchanged", documents: 2, skipped: [] });
    expect(opens).toBe(1);
    const answer = await engine.ask("What fruit did the orchard harvest?");
    expect(answer.citations[0]?.quote).toContain("pears");
  });

  it("GIVEN two changes at once THEN they run one after the other and both land", async () => {
    const prepared = prepareUpload("geneva.txt", Buffer.from(GENEVA));
    const [adding, removing] = [library.add([prepared]), library.remove("lighthouse")];
    await Promise.all([adding, removing]);
    expect(engine.documents().map((d) => d.id).sort()).toEqual([prepared.article.id, "orchard"].sort());
  });
});
