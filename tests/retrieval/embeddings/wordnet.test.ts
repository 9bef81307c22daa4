import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseCandidates } from "../../../src/retrieval/embeddings/morphy.js";
import { WordNet, type WordRelations } from "../../../src/retrieval/embeddings/wordnet.js";

let wn: WordNet;

beforeAll(() => {
  wn = WordNet.open();
});

afterAll(() => {
  wn.close();
});

function get(word: string): WordRelations {
  const relations = wn.lookup(word);
  if (relations === undefined) throw new Error(`WordNet has no entry for ${word}`);
  return relations;
}

function phrase(...words: string[]): WordRelations {
  const relations = wn.lookupPhrase(words);
  if (relations === undefined) throw new Error(`WordNet has no entry for ${words.join(" ")}`);
  return relations;
}

function allTerms(r: WordRelations): string[] {
  return [...r.synonyms, ...r.hypernyms, ...r.derived, ...r.holonyms, ...r.glossTerms];
}

describe("WordNet paraphrase links", () => {
  it("GIVEN Seoul THEN it is part of South Korea and its gloss names south korea", () => {
    const seoul = get("Seoul");
    const southKorea = phrase("south", "korea");
    expect(southKorea.lemma).toBe("south korea");
    expect(seoul.holonyms).toContain(southKorea.lemma);
    expect(seoul.synonyms).toContain("capital of south korea");
    expect(seoul.hypernyms).toContain("national capital");
    expect(seoul.glossTerms).toEqual(expect.arrayContaining(["capital", "south", "korea"]));
  });

  it("GIVEN Pyongyang THEN it is part of North Korea and its gloss mentions korea", () => {
    const pyongyang = get("pyongyang");
    expect(pyongyang.holonyms).toContain(phrase("north", "korea").lemma);
    expect(pyongyang.glossTerms).toEqual(expect.arrayContaining(["north", "korea"]));
    expect(phrase("north", "korea").synonyms).toContain("dprk");
  });

  it("GIVEN shells THEN ammunition is a hypernym and a gloss term; an artillery shell is a shell", () => {
    const shells = get("shells");
    expect(shells.lemma).toBe("shell");
    expect(shells.hypernyms).toContain("ammunition");
    expect(shells.glossTerms).toContain("ammunition");
    expect(phrase("artillery", "shells")).toMatchObject({ lemma: "artillery shell", hypernyms: ["shell"] });
  });

  it("GIVEN desert and defect THEN each lists the other as a synonym", () => {
    expect(get("desert").synonyms).toContain("defect");
    expect(get("defect").synonyms).toContain("desert");
    expect(get("defected").derived).toContain("defection");
    expect(get("deserted").derived).toEqual(expect.arrayContaining(["desertion", "deserter"]));
  });

  it("GIVEN troops and soldiers THEN the troops gloss is soldiers and soldiery links both", () => {
    const troops = get("troops");
    const soldiers = get("soldiers");
    expect(troops.glossTerms).toContain("soldier");
    expect(soldiers.lemma).toBe("soldier");
    expect(troops.synonyms).toContain("soldiery");
    expect(soldiers.derived).toContain("soldiery");
  });

  it("GIVEN casualties THEN fatality and human death are hypernyms; deaths derive from die", () => {
    const casualties = get("casualties");
    expect(casualties.lemma).toBe("casualty");
    expect(casualties.hypernyms).toEqual(expect.arrayContaining(["fatality", "human death"]));
    expect(casualties.glossTerms).toContain("kill");
    expect(get("deaths")).toMatchObject({ lemma: "death", derived: ["die"] });
  });

  it("GIVEN ally THEN alliance is both a derived form and a holonym", () => {
    const ally = get("ally");
    expect(ally.derived).toContain("alliance");
    expect(ally.holonyms).toContain("alliance");
  });

  it("GIVEN pact and partnership THEN they meet only two hypernym steps up, at written agreement", () => {
    const pact = get("pact");
    const partnership = get("partnership");
    expect(pact.synonyms).toEqual(expect.arrayContaining(["treaty", "accord"]));
    expect(pact.hypernyms).toContain("written agreement");
    // Only partnership's one concordance-tagged sense (the business) counts; its untagged "contract" sense is left out.
    expect(partnership.hypernyms).toContain("business");
    expect(partnership.hypernyms).not.toContain("contract");
    expect(get("contract").hypernyms).toContain("written agreement");
    expect(allTerms(partnership)).not.toContain("pact");
  });

  it("GIVEN collocations THEN phrases, spaced words and hyphens resolve", () => {
    expect(phrase("united", "states").synonyms).toEqual(expect.arrayContaining(["usa", "america"]));
    expect(wn.lookup("South Korea")).toEqual(phrase("south", "korea"));
    expect(phrase("north", "koreans").lemma).toBe("north korean");
    expect(get("north-korean").lemma).toBe("north korean");
    expect(phrase("blowing", "up").lemma).toBe("blow up");
  });

  it("GIVEN Kim Jong Un THEN WordNet 3.1 does not know him", () => {
    expect(wn.lookupPhrase(["kim", "jong", "un"])).toBeUndefined();
  });
});

describe("WordNet morphy", () => {
  it.each([
    ["shells", "shell"],
    ["defected", "defect"],
    ["casualties", "casualty"],
    ["running", "run"],
    ["stopped", "stop"],
    ["bigger", "big"],
    ["biggest", "big"],
    ["happier", "happy"],
    ["men", "man"],
    ["women", "woman"],
    ["children", "child"],
    ["was", "be"],
    ["were", "be"],
    ["went", "go"],
    ["said", "say"],
    ["made", "make"],
    ["boxes", "box"],
    ["churches", "church"],
    ["cities", "city"],
    ["modest", "modest"],
    ["upper", "upper"],
    ["troops", "troops"],
    ["Café", "cafe"],
  ])("GIVEN %s THEN the lemma is %s", (word, lemma) => {
    expect(get(word).lemma).toBe(lemma);
    expect(wn.lemmaOf(word)).toBe(lemma);
  });

  it("GIVEN troops THEN the detachment rules offer troop after the word itself", () => {
    expect(baseCandidates("troops", "noun")).toEqual(["troops", "troop"]);
  });

  it("GIVEN an irregular form THEN the regular rules are not applied to it", () => {
    expect(baseCandidates("was", "noun")).toEqual(["was"]);
    expect(baseCandidates("saw", "verb")).toEqual(["see", "saw"]);
  });
});

describe("WordNet input handling", () => {
  it.each(["", "   ", "!!!", "1234", "3.14", "--", "x".repeat(200), "qwzxvb", "blorptastic", "日本"])(
    "GIVEN %j THEN lookup returns undefined",
    (word) => {
      expect(wn.lookup(word)).toBeUndefined();
      expect(wn.lemmaOf(word)).toBeUndefined();
    },
  );

  it("GIVEN bad phrases or non-strings THEN nothing throws", () => {
    expect(wn.lookupPhrase([])).toBeUndefined();
    expect(wn.lookupPhrase(["south", ""])).toBeUndefined();
    expect(wn.lookupPhrase(["south", "?"])).toBeUndefined();
    expect(wn.lookup(undefined as unknown as string)).toBeUndefined();
    expect(wn.lookupPhrase(null as unknown as string[])).toBeUndefined();
  });

  it("GIVEN any result THEN lists are capped, deduped, clean and exclude the lemma", () => {
    for (const word of ["run", "set", "shells", "big", "united states", "good", "galore", "break"]) {
      const r = get(word);
      expect(r.synonyms.length).toBeLessThanOrEqual(12);
      expect(r.hypernyms.length).toBeLessThanOrEqual(6);
      expect(r.derived.length).toBeLessThanOrEqual(8);
      expect(r.holonyms.length).toBeLessThanOrEqual(6);
      expect(r.glossTerms.length).toBeLessThanOrEqual(12);
      for (const list of [r.synonyms, r.hypernyms, r.derived, r.holonyms, r.glossTerms]) {
        expect(new Set(list).size).toBe(list.length);
        expect(list).not.toContain(r.lemma);
        for (const term of list) expect(term).toMatch(/^[a-z0-9][a-z0-9 .'-]*$/);
      }
    }
  });

  it("GIVEN repeated lookups THEN results are stable and shared", () => {
    expect(wn.lookup("alliance")).toBe(wn.lookup("alliance"));
    expect(wn.lookup("shells")).toBe(wn.lookup("shell"));
  });

  it("GIVEN the descriptor-backed mode THEN it answers like the in-memory one", () => {
    const inMemory = WordNet.open(undefined, { inMemory: true });
    try {
      for (const word of ["seoul", "shells", "desert", "bigger", "troops", "ally", "dprk"]) {
        expect(wn.lookup(word)).toEqual(inMemory.lookup(word));
      }
    } finally {
      inMemory.close();
    }
  });

  it("GIVEN a folder without the dictionary THEN open throws at once, not at the first lookup", () => {
    expect(() => WordNet.open(path.join(tmpdir(), "sitrep-no-wordnet-here"))).toThrow(/index\.noun/);
  });

  it("GIVEN a reader closed before any lookup THEN it never opens the dictionary and answers nothing", () => {
    const reader = WordNet.open();
    reader.close();
    expect(reader.lookup("pact")).toBeUndefined();
  });

  it("GIVEN a closed reader THEN lookups return undefined and close is idempotent", () => {
    const reader = WordNet.open();
    expect(reader.lookup("pact")).toBeDefined();
    reader.close();
    reader.close();
    expect(reader.lookup("pact")).toBeUndefined();
    expect(reader.lemmaOf("pacts")).toBeUndefined();
  });
});
