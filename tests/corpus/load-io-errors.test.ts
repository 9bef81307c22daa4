import { rmSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { removeTempCorpora, tempCorpus } from "./temp-corpus.js";

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return { ...actual, open: vi.fn(actual.open) };
});

afterAll(removeTempCorpora);

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe("loadCorpus when files change under it", () => {
  it("GIVEN a file deleted after listing and one that cannot be opened THEN both are skipped and the rest load", async () => {
    const dir = tempCorpus({ "a.md": "Kept.", "gone.md": "Deleted.", "locked.md": "Secret." });
    const realOpen = (await vi.importActual<typeof fsPromises>("node:fs/promises")).open;
    vi.mocked(fsPromises.open).mockImplementation(async (file, ...rest) => {
      const name = path.basename(String(file));
      if (name === "gone.md") rmSync(String(file));
      if (name === "locked.md") throw errno("EACCES");
      return realOpen(file, ...rest);
    });

    const { articles, skipped } = await loadCorpus(dir);

    expect(articles.map((a) => a.file)).toEqual(["a.md"]);
    expect(skipped).toEqual([
      { file: "gone.md", reason: "file vanished before it could be read" },
      { file: "locked.md", reason: "cannot read the file: permission denied" },
    ]);
  });
});
