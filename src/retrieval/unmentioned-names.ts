import type { Lexicon } from "./embeddings/lexicon.js";
import { COUNTRY_ABBREVIATIONS } from "./country-abbreviations.js";
import { lookUpModern } from "./embeddings/modern-names.js";
import { spelledOutName } from "./embeddings/acronyms.js";
import { contentTerms } from "./text/terms.js";

/** What the corpus mentions, by stem. */
export interface Vocabulary {
  has(stem: string): boolean;
  stems(): Iterable<string>;
}

/** A text's stems as a vocabulary: asks whether that text, rather than the corpus, names something. */
export function vocabularyOf(stems: ReadonlySet<string>): Vocabulary {
  return { has: (stem) => stems.has(stem), stems: () => stems.values() };
}

/** Names whose longer forms were looked for, remembered per instance. */
const LONGER_FORMS_LIMIT = 10_000;
/** Shorter shared beginnings ("nat" in nation and natural) say nothing about two words being one name. */
const MIN_SHARED_PREFIX = 5;

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
/** Months typed short ("Feb", "Sept"), which articles spell out; "May" is whole already. */
const MONTH_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ...MONTHS.filter((month) => month.length > 3).map((month): [string, string] => [month.slice(0, 3), month]),
  ["sept", "september"],
]);

/**
 * Other names for governments and states that news uses and WordNet does not know as such: a question about the
 * White House is answered by a passage about the United States.
 */
const OTHER_NAMES: ReadonlyMap<string, readonly string[]> = new Map([
  ["white house", ["united states", "u.s"]],
  ["pentagon", ["united states", "u.s"]],
  ["dod", ["pentagon"]],
  ["kremlin", ["russia"]],
  ["downing street", ["britain", "united kingdom", "u.k"]],
  ...[...COUNTRY_ABBREVIATIONS].map(([abbreviation, { country }]): [string, string[]] => [abbreviation, [country]]),
  ...[...MONTH_ABBREVIATIONS].map(([abbreviation, month]): [string, string[]] => [abbreviation, [month]]),
]);

/** A month's name or its abbreviation, as a pattern's source. */
const MONTH = [...MONTHS, ...MONTH_ABBREVIATIONS.keys()].join("|");
const DAY = "\\d{1,2}(?:st|nd|rd|th)?";
/** A year as news gives one: 1600 to 2099. */
const YEAR_DIGITS = "(?:1[6-9]|20)\\d\\d";
const DATE = `(?:${DAY}\\s+)?(?:${MONTH})\\.?(?:\\s+${DAY})?(?:,?\\s+${YEAR_DIGITS})?|${YEAR_DIGITS}`;
/**
 * "since Feb 2022", "since 2014", "since early March": where the period a question asks about begins. A passage about
 * that period need not name its start ("since the full-scale invasion began"), so that date is not looked for.
 */
const SINCE_DATE = new RegExp(`\\bsince\\s+(?:(?:early|late|mid)[-\\s]+)?(?:${DATE})\\b`, "gi");

const STANDS_FOR_ITS_COUNTRY = new Set(["national capital", "inhabitant", "native"]);

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’.]*/gu;
const CAPITALISED = /^\p{Lu}/u;
const POSSESSIVE = /['’]s$/u;
const ALL_CAPITALS = /^[\p{Lu}\p{N}.]{2,}$/u;
const YEAR = new RegExp(`(?<!\\d[,.])\\b${YEAR_DIGITS}\\b(?![,.]\\d)`, "g");

/**
 * Finds the names a question asks about that the corpus never mentions, not even by a closely related name
 * ("Zelensky", "Blinken", "Tour de France"). No passage can answer what the corpus never names, however well the
 * rest of the question matches; of the abstention signals a bag of words gives, this one is reliable.
 */
export class UnmentionedNames {
  /** hasLongerForm's answers; the vocabulary never changes under an instance (a new corpus gets a new one). */
  private readonly longerForms = new Map<string, boolean>();

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly lexicon: Lexicon,
  ) {}

  /** The names, and the years, that the question gives and the corpus never mentions, but for where a period begins. */
  in(question: string): string[] {
    const asked = question.replace(SINCE_DATE, "since");
    const unmentionedYears = yearsIn(asked).filter((year) => !this.vocabulary.has(year));
    return [...this.unmentioned(namesIn(asked)), ...unmentionedYears];
  }

  /** Those of the names the corpus never mentions, by any of the names the check knows for them. */
  unmentioned(names: readonly string[]): string[] {
    return names.filter((name) => contentTerms(name).length > 0 && !this.mentions(name));
  }

  /**
   * The name as a whole, or else its last word, which is what names a person or body: "Vladimir Putin" is mentioned
   * by an article that only says "Putin", while "the Security Council" is not mentioned by one about a city council,
   * nor "South Korea", which WordNet knows as one name, by one about North Korea.
   * The last word counts only itself, not WordNet's relations of it: an article that says "serve" does not mention
   * South Korea's "National Intelligence Service".
   */
  private mentions(name: string): boolean {
    if (this.mentionsWhole(name)) return true;
    const words = name.split(" ");
    if (words.length < 2 || this.lexicon.lookup(name.toLowerCase()) !== undefined) return false;
    return this.mentionsWhole(words.at(-1)!, false);
  }

  private mentionsWhole(name: string, byRelation = true): boolean {
    const alternatives = OTHER_NAMES.get(name.toLowerCase());
    if (alternatives?.some((other) => this.knowsAllWords(other))) return true;
    // An acronym is mentioned by itself or by the name it spells, not by WordNet's looser synonyms: "Europe" is one of
    // the EU's, and an article about "European soil" does not mention the EU.
    const spelled = ALL_CAPITALS.test(name) ? spelledOutName(this.lexicon, name.toLowerCase()) : undefined;
    if (spelled !== undefined) return this.knowsAllWords(name) || this.knowsAllWords(spelled);
    return this.knowsAllWords(name) || (byRelation && this.knowsRelationOf(name));
  }

  private knowsAllWords(text: string): boolean {
    const terms = contentTerms(text.replace(/-/g, " "));
    return terms.length > 0 && terms.every((term) => this.knowsStem(term.stem));
  }

  /**
   * Another name for the same thing (a synonym or derived form: "DPRK" for North Korea, "Europe" for European), or
   * the country of a capital city or of a people: news says "Seoul" for South Korea, and "American" is about the
   * United States. Other wholes do not count: a passage about Europe does not mention France.
   */
  private knowsRelationOf(name: string): boolean {
    const relations = lookUpModern(this.lexicon, name.toLowerCase());
    if (!relations) return false;
    const sameThing = [...relations.synonyms, ...relations.derived];
    if (relations.hypernyms.some((kind) => STANDS_FOR_ITS_COUNTRY.has(kind))) sameThing.push(...relations.holonyms);
    return sameThing.some((other) => this.knowsAllWords(other));
  }

  /** The stem itself, or a longer or shorter form of it ("Europe" for "European", "Ukrainians" for "Ukrainian"). */
  knowsStem(stem: string): boolean {
    if (this.vocabulary.has(stem)) return true;
    for (let length = MIN_SHARED_PREFIX; length < stem.length; length++) if (this.vocabulary.has(stem.slice(0, length))) return true;
    return stem.length >= MIN_SHARED_PREFIX && this.hasLongerForm(stem);
  }

  /**
   * A scan rather than a sorted copy: it runs only for a name the corpus lacks, and sorting 40k stems costs more. Its
   * answer is remembered (~1 ms a scan at 15k passages): the names the corpus lacks come up again and again.
   */
  private hasLongerForm(stem: string): boolean {
    let known = this.longerForms.get(stem);
    if (known === undefined) {
      known = someStartsWith(this.vocabulary.stems(), stem);
      if (this.longerForms.size >= LONGER_FORMS_LIMIT) this.longerForms.clear();
      this.longerForms.set(stem, known);
    }
    return known;
  }
}

function someStartsWith(stems: Iterable<string>, prefix: string): boolean {
  for (const stem of stems) if (stem.startsWith(prefix)) return true;
  return false;
}

/**
 * Years a question names ("the 2024 election"): like a name, a year the corpus never gives is a time it says nothing
 * about. Figures are not years: "10,000" or "1,500 troops" are quantities, which answers may round or restate.
 */
export function yearsIn(question: string): string[] {
  return [...new Set(question.match(YEAR) ?? [])];
}

export interface NameSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Runs of capitalised words, and acronyms, after the question's first word (which is capitalised whatever it is).
 * Hyphenated names are split ("Russia-North Korea"); a possessive is dropped and ends the name.
 */
export function namesIn(question: string): string[] {
  return nameSpans(question).map((span) => span.name);
}

/** The names of `namesIn`, with their places in the question (a possessive's "'s" is outside the span). */
export function nameSpans(question: string): NameSpan[] {
  const spans: NameSpan[] = [];
  let run: { token: string; start: number; end: number }[] = [];
  const close = (): void => {
    if (run.length > 0) spans.push({ name: run.map((r) => r.token).join(" "), start: run[0]!.start, end: run.at(-1)!.end });
    run = [];
  };
  let first = true;
  // Hyphens become spaces of the same length, so positions in the copy are positions in the question.
  for (const match of question.replace(/-/g, " ").matchAll(TOKEN)) {
    // A sentence's full stop goes before the possessive is looked for: "The decision was Moscow's."
    const word = match[0].replace(/\.$/u, "");
    const possessive = POSSESSIVE.test(word);
    const token = word.replace(POSSESSIVE, "");
    const isName = CAPITALISED.test(token) && (!first || ALL_CAPITALS.test(token));
    first = false;
    if (isName) run.push({ token, start: match.index, end: match.index + token.length });
    // "Seoul's Canadian partners" names two things.
    if (!isName || possessive) close();
  }
  close();
  return spans;
}
