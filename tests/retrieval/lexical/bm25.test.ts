import { describe, expect, it } from "vitest";
import { LexicalIndex } from "../../../src/retrieval/lexical/bm25.js";

const TITLE = "Field Notes";

function indexOf(passages: Record<string, string>): LexicalIndex {
  const index = new LexicalIndex();
  index.add(Object.entries(passages).map(([id, text]) => ({ id, text, title: TITLE })));
  return index;
}

const PASSAGES = {
  kursk: "At least 10,000 North Korean soldiers have been sent to Russia's Kursk region.",
  china: "China worries about the partnership between Moscow and Pyongyang.",
  poland: "Poland calls on NATO to shoot down drones over its airspace.",
};

describe("LexicalIndex", () => {
  it("GIVEN words in another case and inflection WHEN queried THEN they match through lower-casing and stemming", () => {
    const index = indexOf(PASSAGES);
    const [top] = index.query("KOREAN SOLDIER in KURSK", 3);
    expect(top?.id).toBe("kursk");
    expect([...(top?.matched ?? [])].sort()).toEqual(["korean", "kursk", "soldier"]);
  });

  it("GIVEN a possessive and a separated number WHEN queried THEN they match the plain forms", () => {
    const index = indexOf(PASSAGES);
    expect(index.query("russia 10000", 3).map((h) => h.id)).toEqual(["kursk"]);
  });

  it("GIVEN a query of stopwords only WHEN queried THEN nothing matches", () => {
    const index = indexOf(PASSAGES);
    expect(index.query("what is the and to", 3)).toEqual([]);
  });

  it("GIVEN several matching passages THEN the one matching more rare query words ranks first and k limits the hits", () => {
    const index = indexOf(PASSAGES);
    const hits = index.query("Moscow Pyongyang partnership drones", 3);
    expect(hits.map((h) => h.id)).toEqual(["china", "poland"]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(index.query("Moscow Pyongyang partnership drones", 1)).toHaveLength(1);
  });

  it("GIVEN more matching passages than k THEN the k returned are the best of them all, best first, equal scores in the order added", () => {
    const passages: Record<string, string> = {};
    for (let i = 0; i < 60; i++) passages[`p${i}`] = `${"drones ".repeat(1 + (i % 7))}crossed ${i % 2 ? "the Polish border" : "into Romania"}.`;
    const index = indexOf(passages);
    const all = index.query("drones over the Polish border", 60);
    expect(all).toHaveLength(60);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
    expect(index.query("drones over the Polish border", 5)).toEqual(all.slice(0, 5));
    const tied = all.filter((h) => h.score === all[0]!.score).map((h) => Number(h.id.slice(1)));
    expect(tied.length).toBeGreaterThan(1);
    expect(tied).toEqual([...tied].sort((a, b) => a - b));
  });

  it("GIVEN queries one after another THEN none carries scores into the next", () => {
    const index = indexOf(PASSAGES);
    const first = index.query("Korean soldiers in Kursk", 3);
    index.query("Moscow Pyongyang partnership drones", 3);
    expect(index.query("Korean soldiers in Kursk", 3)).toEqual(first);
  });

  it("GIVEN removed passages THEN they are no longer found and unknown ids are ignored", () => {
    const index = indexOf(PASSAGES);
    expect(index.size).toBe(3);
    index.remove(["kursk", "no-such-id"]);
    expect(index.size).toBe(2);
    expect(index.query("Kursk soldiers", 3)).toEqual([]);
  });

  it("GIVEN passages replaced in place (removed, then added again) THEN document frequencies stay within the live count and scores stay positive", () => {
    const replaced = { a: "Korean soldiers were sent.", b: "Korean shells were shipped." };
    const index = indexOf(replaced);
    index.remove(["a", "b"]);
    index.add(Object.entries(replaced).map(([id, text]) => ({ id, text, title: TITLE })));
    expect(index.documentFrequency("korean")).toBeLessThanOrEqual(index.size);
    const hits = index.query("Korean soldiers", 3);
    expect(hits[0]?.id).toBe("a");
    expect(hits.every((h) => h.score > 0)).toBe(true);
  });
});

describe("LexicalIndex persistence", () => {
  it("GIVEN an index with a removed passage WHEN saved and loaded THEN queries rank the same and the removed one stays gone", async () => {
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const dir = await mkdtemp(path.join(tmpdir(), "sitrep-bm25-"));
    try {
      const index = indexOf(PASSAGES);
      index.remove(["poland"]);
      await index.save(dir);
      const loaded = await LexicalIndex.load(dir);
      expect(loaded.size).toBe(2);
      for (const q of ["Korean soldiers in Kursk", "Moscow and Pyongyang", "NATO drones"]) {
        expect(loaded.query(q, 3)).toEqual(index.query(q, 3));
      }
      loaded.add([{ id: "poland", text: PASSAGES.poland, title: TITLE }]);
      expect(loaded.query("NATO drones", 1)[0]?.id).toBe("poland");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("GIVEN a loaded index WHEN passages sharing saved terms and bringing new ones are added THEN it answers like one built at once, lists each stem once, and saves the same", async () => {
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const dir = await mkdtemp(path.join(tmpdir(), "sitrep-bm25-"));
    const more = {
      drones: "Russian drones crossed into Poland; NATO jets scrambled.",
      troops: "More North Korean troops arrived in Kursk with artillery shells.",
    };
    try {
      await indexOf(PASSAGES).save(dir);
      const loaded = await LexicalIndex.load(dir);
      loaded.add(Object.entries(more).map(([id, text]) => ({ id, text, title: TITLE })));
      const whole = indexOf({ ...PASSAGES, ...more });
      for (const q of ["North Korean troops in Kursk", "NATO drones over Poland", "artillery shells", "Moscow"]) {
        expect(loaded.query(q, 5)).toEqual(whole.query(q, 5));
      }
      for (const stem of ["kursk", "drone", "artilleri", "moscow", "field"]) expect(loaded.documentFrequency(stem)).toBe(whole.documentFrequency(stem));
      const stems = [...loaded.stems()];
      expect(new Set(stems).size).toBe(stems.length);
      expect(new Set(stems)).toEqual(new Set(whole.stems()));

      const again = path.join(dir, "again");
      const { mkdir } = await import("node:fs/promises");
      await mkdir(again);
      await loaded.save(again);
      const reloaded = await LexicalIndex.load(again);
      expect(reloaded.query("North Korean troops in Kursk", 5)).toEqual(whole.query("North Korean troops in Kursk", 5));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("GIVEN a truncated file WHEN loaded THEN it is rejected rather than misread", async () => {
    const { mkdtemp, rm, truncate } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { LEXICAL_FILE } = await import("../../../src/retrieval/lexical/bm25.js");
    const dir = await mkdtemp(path.join(tmpdir(), "sitrep-bm25-"));
    try {
      await indexOf(PASSAGES).save(dir);
      await truncate(path.join(dir, LEXICAL_FILE), 40);
      await expect(LexicalIndex.load(dir)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
