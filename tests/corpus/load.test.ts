import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, symlinkSync, utimesSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ArticleError, loadCorpus, parseArticle } from "../../src/corpus/load.js";
import { toPassages } from "../../src/corpus/passages.js";
import { removeTempCorpora, tempCorpus } from "./temp-corpus.js";

const SEED_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
const SEED_FILE = "north-korean-troops-in-russias-war.txt";
const GOOD = "A paragraph of real text.";

afterAll(removeTempCorpora);

describe("loadCorpus on the seed article", () => {
  it("GIVEN the seed corpus THEN the article has 14 paragraphs equal to the file's lines, numbered from 1", async () => {
    const bytes = readFileSync(path.join(SEED_DIR, SEED_FILE));
    const lines = bytes.toString("utf8").split("\n");
    const { articles } = await loadCorpus(SEED_DIR);
    const seed = articles.find((a) => a.file === SEED_FILE);

    expect(seed).toMatchObject({
      id: "north-korean-troops-in-russias-war",
      title: "North Korean Troops in Russias War",
    });
    expect(seed?.paragraphs).toEqual(lines);
    expect(seed?.paragraphs).toHaveLength(14);
    expect(seed?.hash).toBe(createHash("sha256").update(bytes).digest("hex"));
    const passages = toPassages(seed!).map((p) => [p.paragraph, p.text]);
    expect(passages).toEqual(lines.map((line, i) => [i + 1, line]));
  });
});

describe("loadCorpus formats", () => {
  it("GIVEN Markdown with front matter THEN metadata is read and the date normalised", async () => {
    const dir = tempCorpus({
      "a.md": [
        "---",
        "title: Kursk  report",
        "published: 2024-11-04T09:30:00+09:00",
        "source: Example News",
        "url: https://example.com/a",
        "tags: [war, korea]",
        "author: ignored",
        "---",
        "First  para",
        "continues here.",
        "",
        "",
        "Second para.",
      ].join("\n"),
      "b.md": "---\npublished: 2024-11-05\ntags: war, korea , ,russia\n---\n# Heading Title\n\nBody text.\n",
    });
    const { articles, skipped } = await loadCorpus(dir);
    expect(skipped).toEqual([]);
    expect(articles[0]).toMatchObject({
      id: "a",
      title: "Kursk report",
      published: "2024-11-04",
      source: "Example News",
      url: "https://example.com/a",
      tags: ["war", "korea"],
      paragraphs: ["First para continues here.", "Second para."],
    });
    expect(articles[1]).toMatchObject({
      title: "Heading Title",
      published: "2024-11-05",
      tags: ["war", "korea", "russia"],
    });
    expect(articles[1]?.paragraphs).toEqual(["Body text."]);
  });

  it("GIVEN a front matter title and a # heading THEN the front matter wins and the heading is not a paragraph", () => {
    const article = parseArticle("x.md", Buffer.from("---\ntitle: Chosen\n---\n\n# Ignored  ##\nText."));
    expect(article.title).toBe("Chosen");
    expect(article.paragraphs).toEqual(["Text."]);
  });

  it("GIVEN Markdown without any title THEN the file name gives it and optional fields are absent", () => {
    const article = parseArticle("news/the-fall-of-avdiivka.md", Buffer.from("Only text."));
    expect(article).toEqual({
      id: "news--the-fall-of-avdiivka",
      title: "The Fall of Avdiivka",
      tags: [],
      file: "news/the-fall-of-avdiivka.md",
      hash: createHash("sha256").update("Only text.").digest("hex"),
      paragraphs: ["Only text."],
    });
  });

  it("GIVEN a .txt file with a BOM, CRLF and blank lines THEN each non-empty line is a paragraph, quotes kept", () => {
    const text = "\uFEFFFirst “line”  here.\r\n\r\n   \r\nSecond\tline’s end.\r\n";
    const article = parseArticle("troops-in-the-war-of-words.txt", Buffer.from(text));
    expect(article.title).toBe("Troops in the War of Words");
    expect(article.paragraphs).toEqual(["First “line” here.", "Second line’s end."]);
  });

  it("GIVEN nested folders and odd names THEN ids are slugs joined with --", async () => {
    const dir = tempCorpus({ "World News/Kursk Report.md": GOOD, "Ukraine’s War.txt": GOOD });
    const { articles } = await loadCorpus(dir);
    expect(articles.map((a) => [a.id, a.file])).toEqual([
      ["ukraines-war", "Ukraine’s War.txt"],
      ["world-news--kursk-report", "World News/Kursk Report.md"],
    ]);
  });
});

describe("loadCorpus skips bad files with a reason", () => {
  const bad: Record<string, string | Uint8Array> = {
    "empty.md": "",
    "blank.txt": " \n\t\r\n ",
    "binary.txt": Uint8Array.from([0x48, 0x69, 0x00, 0x01]),
    "latin1.txt": Uint8Array.from([0x63, 0x61, 0x66, 0xe9]),
    "unterminated.md": "---\ntitle: Never closed\nText.",
    "invalid-yaml.md": "---\ntitle: [unclosed\n---\nText.",
    "list-front-matter.md": "---\n- a\n- b\n---\nText.",
    "bad-date.md": "---\npublished: soon\n---\nText.",
    "impossible-date.md": "---\npublished: 2024-02-30\n---\nText.",
    "title-list.md": "---\ntitle: [a, b]\n---\nText.",
    "tags-mapping.md": "---\ntags: { a: 1 }\n---\nText.",
    "only-front-matter.md": "---\ntitle: Nothing else\n---\n",
    "big.txt": "x".repeat(2048),
    "collide.md": GOOD,
    "collide.txt": GOOD,
  };
  const expected: Record<string, RegExp> = {
    "bad-date.md": /"published" must be a date.*"soon"/,
    "big.txt": /2 KiB, over the 1 KiB limit/,
    "binary.txt": /binary/,
    "blank.txt": /only whitespace/,
    "collide.txt": /id "collide" is already used by collide\.md/,
    "empty.md": /empty/,
    "impossible-date.md": /"published" must be a date/,
    "invalid-yaml.md": /not valid YAML/,
    "latin1.txt": /not valid UTF-8/,
    "list-front-matter.md": /front matter must be "key: value" lines, not a list/,
    "only-front-matter.md": /no paragraphs/,
    "tags-mapping.md": /"tags" must be a list/,
    "title-list.md": /"title" must be text, not a list/,
    "unterminated.md": /no closing ---/,
  };

  it("GIVEN each kind of bad file beside good ones THEN each bad file is skipped with its reason and the good load", async () => {
    const dir = tempCorpus({ ...bad, "good.md": GOOD, "sub/good.txt": GOOD });
    const { articles, skipped } = await loadCorpus(dir, { maxFileBytes: 1024 });
    expect(articles.map((a) => a.file)).toEqual(["collide.md", "good.md", "sub/good.txt"]);
    expect(skipped.map((s) => s.file)).toEqual(Object.keys(expected));
    for (const { file, reason } of skipped) expect(reason, file).toMatch(expected[file]!);
  });

  it("GIVEN hidden files, hidden folders and other extensions THEN they are ignored silently", async () => {
    const dir = tempCorpus({ ".draft.md": GOOD, ".git/x.md": GOOD, "notes.pdf": "%PDF", "a.png": "", "a.md": GOOD });
    const { articles, skipped } = await loadCorpus(dir);
    expect(articles.map((a) => a.file)).toEqual(["a.md"]);
    expect(skipped).toEqual([]);
  });

  it("GIVEN symlinks outside, broken and looping THEN loading finishes and only inside links are followed", async () => {
    const outside = tempCorpus({ "secret.md": GOOD });
    const dir = tempCorpus({ "real/a.md": GOOD });
    symlinkSync(path.join(outside, "secret.md"), path.join(dir, "leak.md"));
    symlinkSync(outside, path.join(dir, "outside-dir"));
    symlinkSync(path.join(dir, "missing.md"), path.join(dir, "broken.md"));
    symlinkSync(dir, path.join(dir, "real", "loop"));
    symlinkSync(path.join(dir, "real", "a.md"), path.join(dir, "alias.md"));
    mkdirSync(path.join(dir, "self"));
    symlinkSync("self-loop.md", path.join(dir, "self", "self-loop.md"));

    const { articles, skipped } = await loadCorpus(dir);
    expect(articles.map((a) => a.file)).toEqual(["alias.md", "real/a.md"]);
    expect(skipped).toEqual([
      { file: "broken.md", reason: "broken symlink: its target does not exist" },
      { file: "leak.md", reason: "symlink points outside the corpus directory" },
      { file: "outside-dir/", reason: "symlink points outside the corpus directory" },
      { file: "self/self-loop.md", reason: "broken symlink: too many levels of symlinks" },
    ]);
  });

  it("GIVEN a missing corpus directory THEN loading fails with a clear error", async () => {
    await expect(loadCorpus("/nonexistent/sitrep-corpus")).rejects.toThrow(/cannot open the corpus directory/);
  });

  it("GIVEN bytes of a bad file THEN parseArticle throws an ArticleError naming the file and reason", () => {
    const error = (() => {
      try {
        parseArticle("upload.md", Buffer.from("---\n- a\n---\nText."));
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(ArticleError);
    expect(error).toMatchObject({ file: "upload.md", reason: expect.stringMatching(/front matter/) as unknown });
  });
});

describe("loadCorpus with articles known from an index", () => {
  const TEXT = "First paragraph.\nSecond paragraph.";

  async function knownFrom(dir: string, file: string, title: string) {
    const [read] = (await loadCorpus(dir)).articles;
    if (!read?.stat) throw new Error("the loader must stamp what it reads");
    return new Map([[file, { id: read.id, title, tags: [], file, hash: read.hash, stat: read.stat }]]);
  }

  it("GIVEN a file with the size and time it was read with THEN the known article stands in and its paragraphs read on demand", async () => {
    const dir = tempCorpus({ "note.txt": TEXT });
    const known = await knownFrom(dir, "note.txt", "Title the index remembers");
    const [article] = (await loadCorpus(dir, { known })).articles;
    expect(article?.title).toBe("Title the index remembers");
    expect(article?.paragraphs).toEqual(["First paragraph.", "Second paragraph."]);
  });

  it("GIVEN a file whose modification time changed THEN it is read and parsed again", async () => {
    const dir = tempCorpus({ "note.txt": TEXT });
    const known = await knownFrom(dir, "note.txt", "Title the index remembers");
    utimesSync(path.join(dir, "note.txt"), new Date(), new Date(Date.now() + 5_000));
    const [article] = (await loadCorpus(dir, { known })).articles;
    expect(article?.title).toBe("Note");
    expect(article?.hash).toBe(known.get("note.txt")?.hash);
  });
});
