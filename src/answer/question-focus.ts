import { TEXT_NOUNS } from "./the-text.js";

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** A question's words as typed, with their apostrophes and hyphens ("Japan's", "KN-23"). */
export function questionWords(text: string): string[] {
  return text.match(WORD) ?? [];
}
const BE = new Set(["is", "are", "was", "were"]);
const SPEAKER_AUXILIARIES = new Set(["did", "does", "do", "has", "have"]);
/** Words that open a yes/no or wh- question's verb phrase ("How many soldiers *have* died", "What *did* he say"). */
export const AUXILIARIES: ReadonlySet<string> = new Set([...BE, ...SPEAKER_AUXILIARIES, "had", "can", "could", "will", "would", "should", "might", "may", "must"]);
const SAYING = /^(?:say|said|tell|told|call|think|claim|warn|announce|argue|write|mean)$/;
const ARTICLES = new Set(["the", "a", "an"]);
const PLURAL = /[^s]s$/i;
const POSSESSIVE = /['’]s$/u;
/** A phrase holding one of these is not a noun phrase ("What else is …", "Which of them …"). */
const NOT_IN_A_NOUN_PHRASE = new Set([
  ...AUXILIARIES, ...ARTICLES, "of", "it", "this", "that", "these", "those", "there", "they", "he", "she", "we", "you", "i", "else",
]);
/** The phrase that names the thing asked for is at most this long ("the North Korean general"). */
const MAX_PHRASE_WORDS = 4;

/**
 * Nouns that say what kind of answer is wanted without naming it: an answer about "the significance of" something
 * or "which official" spoke rarely uses the word. Figures and times are left to the answer type (answer-type.ts),
 * and the article itself (its author, its "piece") is never named in its own paragraphs.
 */
const GENERIC = new Set([
  "kind", "sort", "type", "way", "thing", "things", "part", "name", "point", "matter", "deal", "case",
  "significance", "importance", "impact", "effect", "effects", "consequence", "consequences", "implication", "implications",
  "purpose", "goal", "aim", "role", "reason", "reasons", "cause", "result", "outcome", "meaning", "gist", "idea",
  "state", "status", "nature", "situation", "background", "context", "view", "position", "stance", "response", "reaction",
  "number", "numbers", "amount", "share", "size", "scale", "extent", "level", "figure", "figures", "percentage", "proportion",
  "day", "date", "month", "year", "time", "period",
  "official", "officials", "person", "people", "leader", "leaders", "someone", "one", "man", "men", "woman", "women",
  ...TEXT_NOUNS,
]);

/**
 * The word for the thing a question asks for, when its wording names one: "What is the population of Kursk?" asks for
 * a population, "Which port did they arrive through?" for a port, "What did the Kremlin spokesman say?" for what a
 * spokesman said. A passage that answers such a question names that thing, or something WordNet files close to it
 * (a city for "Which cities …?"); passages that match every other word of the question but not this one are about
 * the right story and do not answer it.
 */
export function askedFocus(question: string, isCompound: CompoundTest = () => false): string | undefined {
  const words = questionWords(question);
  const [first, second] = words.map((w) => w.toLowerCase());
  if (first === "what's" || first === "what’s") return attribute(words.slice(1), isCompound);
  if (first !== "what" && first !== "which") return undefined;
  if (first === "what" && second !== undefined && SPEAKER_AUXILIARIES.has(second)) return speaker(words.slice(2), isCompound);
  if (first === "what" && second !== undefined && BE.has(second)) return attribute(words.slice(2), isCompound);
  return kind(words.slice(1), first === "which", isCompound);
}

/** Whether words are one noun to a dictionary ("boiling point"), for askedFocus. */
export type CompoundTest = (words: readonly string[]) => boolean;

/**
 * The names in who a question asks to have spoken: "What did Japan's prime minister say …?" → ["Japan"], "What did
 * Kim Jong Un personally say …?" → ["Kim Jong Un"]. Such a question is answered by a passage that reports them saying
 * something, not by one that only names them.
 */
export function askedSpeakerNames(question: string): string[] {
  const words = questionWords(question);
  const [first, second] = words.map((w) => w.toLowerCase());
  if (first !== "what" || second === undefined || !SPEAKER_AUXILIARIES.has(second)) return [];
  return namesIn(speakerPhrase(words.slice(2)) ?? []);
}

/** The runs of capitalised words in a phrase: "Japan's prime minister" → ["Japan"]. */
function namesIn(phrase: readonly string[]): string[] {
  const names: string[][] = [[]];
  for (const word of phrase) {
    const bare = word.replace(POSSESSIVE, "");
    if (/^\p{Lu}/u.test(bare)) names.at(-1)!.push(bare);
    // "Japan's prime minister", "NATO's Stoltenberg": a possessive or an ordinary word ends a name.
    if (!/^\p{Lu}/u.test(bare) || bare !== word) names.push([]);
  }
  return names.filter((run) => run.length > 0).map((run) => run.join(" "));
}

/** Whom a question asks to have spoken, by name: askedSpeakerNames, or the names it attributes its answer to. */
export function askedSpeakers(question: string): string[] {
  const named = askedSpeakerNames(question);
  if (named.length > 0) return named;
  const source = sourceWords(question);
  // "according to the US president": the title says who ("President Joe Biden"), the name only where from.
  return source === undefined || titleAfterAccordingTo(question) !== undefined ? [] : namesIn(source);
}

/** "What did the Pentagon say …?" → ["Pentagon"]; the words between the auxiliary and the verb of saying. */
function speakerPhrase(rest: readonly string[]): string[] | undefined {
  const verb = rest.findIndex((w) => SAYING.test(w.toLowerCase()));
  if (verb < 1 || verb > MAX_PHRASE_WORDS + 1) return undefined;
  // "Kim Jong Un personally": the adverb says how, not who.
  return rest.slice(ARTICLES.has(rest[0]!.toLowerCase()) ? 1 : 0, verb).filter((w) => !/ly$/i.test(w));
}

/**
 * The source after "according to", up to a pause; the full stop of an initial or a title does not end it ("the U.S.
 * government", "Mr. Biden").
 */
const ACCORDING_TO = /\baccording to\s+((?:[^,;:?!.]|(?<=\b(?:\p{Lu}|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Adm|Prof))\.)+)/iu;
/** Titles written before a name, which name no one: "Mr. Biden" is Biden. */
const HONORIFICS = new Set(["mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "adm", "prof"]);
/** Words that end the source and begin the question: "According to Budanov what is Kim getting …?" */
const QUESTION_WORDS = new Set(["what", "who", "whom", "whose", "which", "when", "where", "why", "how"]);

/** The words of the source a question's "according to" names, if it names one. */
function sourceWords(question: string): string[] | undefined {
  const phrase = ACCORDING_TO.exec(question)?.[1];
  if (phrase === undefined) return undefined;
  // "the U.S." is the name "US", not "U" and "S".
  const words = questionWords(phrase.replace(/\b(?:\p{Lu}\.){2,}/gu, (initials) => initials.replaceAll(".", "")));
  const end = words.findIndex((w) => QUESTION_WORDS.has(w.toLowerCase()) || AUXILIARIES.has(w.toLowerCase()));
  return (end < 0 ? words : words.slice(0, end)).filter((w) => !HONORIFICS.has(w.toLowerCase()));
}

/**
 * The title of whom a question wants to hear from: "What did the US president say …?" and "Should Kyiv hit back,
 * according to the US president?" → "president". Only a sentence that names it reports them: "According to the U.S.
 * government, …" reports someone else. A name, a group ("Seoul's spies") or a generic noun ("the article",
 * "officials") is no title: names are matched by the names check, and a group is described in many ways.
 */
export function askedTitle(question: string): string | undefined {
  return titleAfterAccordingTo(question) ?? titleOfWhatWasSaid(question);
}

function titleAfterAccordingTo(question: string): string | undefined {
  const words = sourceWords(question)?.filter((w) => !ARTICLES.has(w.toLowerCase()));
  const head = words?.at(-1);
  if (words === undefined || head === undefined || words.length > MAX_PHRASE_WORDS || !isOrdinaryWord(head) || PLURAL.test(head)) return undefined;
  return GENERIC.has(head.toLowerCase()) ? undefined : head.toLowerCase();
}

function titleOfWhatWasSaid(question: string): string | undefined {
  const words = questionWords(question);
  const [first, second] = words.map((w) => w.toLowerCase());
  if (first !== "what" || second === undefined || !SPEAKER_AUXILIARIES.has(second)) return undefined;
  return speaker(words.slice(2), () => false)?.toLowerCase();
}

/** "What did NATO's secretary general say …" → "general": who is said to have spoken. */
function speaker(rest: readonly string[], isCompound: CompoundTest): string | undefined {
  const phrase = speakerPhrase(rest);
  if (phrase === undefined) return undefined;
  const head = headOf(phrase, isCompound);
  // An office speaks under its title ("the Kremlin spokesman"); a group is described in many ways ("South Korean
  // spies" are the article's "intelligence").
  return head !== undefined && PLURAL.test(head) ? undefined : head;
}

/**
 * "What is the population of Kursk?" → "population". The words around "of" may be one noun to a dictionary: "What is
 * the speed of light …?" asks for the speed of light, not for any speed.
 */
function attribute(rest: readonly string[], isCompound: CompoundTest): string | undefined {
  if (!ARTICLES.has(rest[0]?.toLowerCase() ?? "")) return undefined;
  const of = rest.findIndex((w) => w.toLowerCase() === "of");
  if (of < 2 || of > MAX_PHRASE_WORDS) return undefined;
  const around = [rest[of - 1], "of", rest[of + 1]];
  if (around.every(isOrdinaryWord) && isCompound(around.map((w) => w.toLowerCase()))) return around.join(" ");
  return headOf(rest.slice(1, of), isCompound);
}

function isOrdinaryWord(word: string | undefined): word is string {
  return word !== undefined && !/^\p{Lu}/u.test(word) && !/\d/.test(word);
}

/**
 * "Which port did the troops arrive through?" → "port". Without an auxiliary ("Which North Korean general commands
 * the troops?") the thing asked for after "which" is its first ordinary word; after "what" that is often the verb
 * ("What happened …?"), so "what" needs the auxiliary.
 */
function kind(rest: readonly string[], afterWhich: boolean, isCompound: CompoundTest): string | undefined {
  const auxiliary = rest.findIndex((w) => AUXILIARIES.has(w.toLowerCase()));
  if (auxiliary < 0 && afterWhich) {
    const noun = rest.findIndex((w) => !/^\p{Lu}/u.test(w));
    return noun >= 0 && noun < MAX_PHRASE_WORDS ? headOf(rest.slice(0, noun + 1), isCompound) : undefined;
  }
  if (auxiliary < 1 || auxiliary > MAX_PHRASE_WORDS) return undefined;
  return headOf(rest.slice(0, auxiliary), isCompound);
}

/**
 * The last word of a noun phrase, when it is an ordinary noun: a capitalised word is a name, which the unmentioned
 * names check looks after, and a generic noun names nothing to look for, unless the word before makes one compound
 * noun of it ("the boiling point of water" asks for a boiling point, not for any point).
 */
function headOf(phrase: readonly string[], isCompound: CompoundTest): string | undefined {
  if (phrase.some((w) => NOT_IN_A_NOUN_PHRASE.has(w.toLowerCase()))) return undefined;
  const head = phrase.at(-1);
  if (head === undefined || /^\p{Lu}/u.test(head) || /\d/.test(head)) return undefined;
  if (!GENERIC.has(head.toLowerCase())) return head;
  const modifier = phrase.at(-2);
  return isOrdinaryWord(modifier) && isCompound([modifier.toLowerCase(), head.toLowerCase()]) ? `${modifier} ${head}` : undefined;
}

/**
 * Verbs and phrases that report what someone said, wrote or thought, in the forms news uses. "states" not after "United"
 * or "member": the noun ("the United States", "NATO member states"). Not "state": "a state of emergency".
 */
const REPORTED_SPEECH = new RegExp(
  `\\b(?:according to|(?:${[
    "say", "said", "says", "stated", "(?<!\\bunited\\s)(?<!\\bmember\\s)states", "tell", "told", "tells", "call", "called", "calls",
    "characteri[sz]ed?", "characteri[sz]es", "describe[sd]?", "warn(?:ed|s)?", "caution(?:ed|s)?", "voice[sd]?",
    "express(?:ed|es)?", "announce[sd]?", "note[sd]?", "claim(?:ed|s)?", "declare[sd]?", "insist(?:ed|s)?", "argue[sd]?",
    "confirm(?:ed|s)?", "report(?:ed|s)?", "stress(?:ed|es)?", "urge[sd]?", "accuse[sd]?", "denie[sd]", "deny",
    "admit(?:ted|s)?", "suggest(?:ed|s)?", "wrote", "write[s]?", "respond(?:ed|s)?", "replie[sd]", "reply", "added",
    "remark(?:ed|s)?", "comment(?:ed|s)?", "acknowledge[sd]?", "assert(?:ed|s)?", "vow(?:ed|s)?", "pledge[sd]?",
    "promise[sd]?", "threaten(?:ed|s)?", "criticized", "criticised", "condemn(?:ed|s)?", "welcome[sd]?", "praise[sd]?",
    "dismisse[sd]", "believe[sd]?", "think", "thinks", "thought",
  ].join("|")})\\b)`,
  "i",
);

/** Whether a sentence reports someone saying something ("President Joe Biden stated", "according to Budanov"). */
export function reportsSpeech(sentence: string): boolean {
  return REPORTED_SPEECH.test(sentence);
}

