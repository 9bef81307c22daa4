import { sentenceSpans } from "../corpus/sentences.js";
import { contentTerms } from "../retrieval/text/terms.js";
import { AUXILIARIES, questionWords, reportsSpeech } from "./question-focus.js";
import { TEXT_NOUN_PATTERN } from "./the-text.js";
import { partition } from "./partition.js";

/**
 * What kind of thing a question asks for, when its wording says so: an item of the text's own list ("the fourth
 * concern"), a figure, a size ("how big", which a figure gives or words do), an age, a time, a place, what someone
 * said, a person, whether something happened, a reason, what ought to be done, or how the asker can do something.
 */
export type AnswerType = "item" | "quantity" | "size" | "age" | "time" | "place" | "statement" | "person" | "event" | "reason" | "recommendation" | "instructions";

const ASKS_WHO = /^\s*(?:who|whom)\b/i;
/** The article itself is not someone reported speaking: "What does the article say about Seoul?" asks what it covers. */
const ABOUT_THE_TEXT = new RegExp(`\\b${TEXT_NOUN_PATTERN}\\b`, "i");
/** Verbs of saying in a question. Not "state" or "tell": "United States", "What does this tell us". */
const ASKS_WHAT_WAS_SAID = /\b(?:say|says|said|told|call|called|describe[sd]?|characteri[sz]e[sd]?|warn(?:ed|s)?|claim(?:ed|s)?|announce[sd]?|stated|according to)\b/i;

/** "What should the West do?", "What does the author recommend?", "What does Warsaw want NATO to do?" */
const ASKS_WHAT_TO_DO = /\b(?:recommend(?:s|ed)?|urges?|advocates?|calls? for|advises?)\b|\b(?:wants?|should|ought)\b.*\bdo\b|\bwhat needs to be done\b/i;

/**
 * "How do I reset my password?": steps for the asker to follow, which an article or a speech rarely gives; a Discord
 * server's members ask a bot such things. Not "How can we …?", which asks for a policy as often as for steps.
 */
const ASKS_HOW_I_CAN = /^\s*how (?:do|can|could|should|would) i\b/i;

const ASKS: ReadonlyArray<readonly [AnswerType, (question: string) => boolean]> = [
  ["instructions", matches(ASKS_HOW_I_CAN)],
  ["item", (question) => askedOrdinal(question) !== undefined],
  ["age", matches(/^\s*how old\b|\b(?:at )?what age\b/i)],
  ["quantity", matches(/\bhow (?:many|much)\b|\bwhat (?:share|percent(?:age)?|proportion|fraction|number)\b/i)],
  // "How big is the contingent?" is answered by a figure, "How big is the danger?" in words: a figure only ranks first.
  // Not "How big a role …?", which asks how much something matters.
  ["size", matches(/\bhow (?:big|large)\b(?!\s+(?:an?|of an?)\b)/i)],
  ["time", matches(/^\s*when\b|\b(?:what|which) (?:day|date|month|year)\b|\bhow long\b/i)],
  ["place", matches(/^\s*where\b|\b(?:what|which) (?:city|country|region|place|town)\b/i)],
  // Before "person": "Who called Pyongyang Moscow's backer?" is answered by the sentence that reports the call.
  ["statement", (question) => ASKS_WHAT_WAS_SAID.test(question) && !ABOUT_THE_TEXT.test(question)],
  // After "statement": "What did Biden say Kyiv should do?" is answered by what Biden said.
  ["recommendation", matches(ASKS_WHAT_TO_DO)],
  ["person", matches(ASKS_WHO)],
  ["event", matches(/^\s*(?:did|has|have|had|was|were)\b/i)],
  ["reason", matches(/^\s*why\b|\bwhat (?:is|are|was|were) the reasons?\b/i)],
];

/**
 * "What's the fourth concern the author lists?", "the 'finally' point": an item of a list the text itself counts out,
 * by its place in that list.
 */
const ASKS_FOR_ITEM =
  /\b(first|second|third|fourth|fifth|sixth|last|final|finally)\b['’"]?\s+(?:\w+\s+)?(?:concerns?|points?|reasons?|risks?|arguments?|problems?|factors?|consequences?|issues?|worry|worries|objections?)\b/i;

/** The place asked for of an item in the text's own list ("fourth"; "last" for "final" and "finally"), if one is. */
export function askedOrdinal(question: string): string | undefined {
  const ordinal = ASKS_FOR_ITEM.exec(question)?.[1]?.toLowerCase();
  return ordinal === "final" || ordinal === "finally" ? "last" : ordinal;
}

/** A sentence that opens the item at that place of a list: "Fourthly, …", "A third concern …", "Finally, …". */
function opensItem(ordinal: string, sentence: string): boolean {
  const word = ordinal === "last" ? "(?:last|final)" : ordinal;
  return new RegExp(String.raw`^\s*(?:(?:the|a)\s+)?${word}(?:ly)?\b`, "i").test(sentence);
}

function matches(pattern: RegExp): (question: string) => boolean {
  return (question) => pattern.test(question);
}

/**
 * The question up to its first question mark. A follow-up is searched together with the question before it ("What
 * about mediation? How many troops are in Kursk?"); what it asks for, and about whom, is in its own words.
 */
export function firstQuestion(text: string): string {
  const end = text.indexOf("?");
  return end < 0 ? text : text.slice(0, end + 1);
}

export function expectedAnswer(question: string): AnswerType | undefined {
  return ASKS.find(([, asks]) => asks(question))?.[0];
}

const NUMBER_WORDS =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|half|third|quarter|dozen|dozens|percent|majority)\b/i;
const TIME_WORDS =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|spring|summer|autumn|fall|winter|week|weeks|month|months|year|years|decade|since|ago|until|1\d{3}|20\d\d)\b/i;
/**
 * Words that give a cause or a motive, which a "why" question asks for ("stems from fears of protests"). Not words for
 * consequences ("could lead to"): every speculative sentence has those.
 */
const REASON_CUES =
  /\b(?:because|since|due to|owing to|thanks to|on account of|given that|stem(?:s|med|ming)? from|result(?:s|ed|ing)? from|as a result of|caused by|driven by|motivated by|prompted by|for fear|fears?|reasons?|motives?|so that|in order to)\b/i;
/** What may happen, not what did: "Did Washington loosen the limits?" is answered by what it did. */
const SPECULATION = /\b(?:could|might|may|would|should|if)\b/i;
/**
 * Someone's or something's age: "15 years old", "a 10-year-old", "aged 55", "at the age of 7", or when they were born
 * or it was founded. A sentence that only names the person asked about gives none ("How old is Kim Jong Un?").
 */
const GIVES_AGE =
  /\b[\p{L}\d]+[-\s]years?[-\s]old\b|\baged\s+\d|\bat (?:the )?age (?:of )?\d|\b(?:born|founded|established)\s+(?:in|on)\b|\bdates? (?:back )?(?:to|from)\b/iu;
/** A sentence that tells its reader what to do: "you can change it under Settings", "Step 2: …". */
const INSTRUCTS = /\b(?:you (?:can|could|should|must|need to|have to|will need to|may want to)|step \d|to do (?:this|so),)/i;
/** Words that say what ought to be done: "the West should adopt …", "rather than cowering …". */
const PRESCRIBES = /\b(?:should|must|ought to|needs? to|has to|have to|it is time|urge[sd]?|call(?:s|ed)? (?:on|for)|recommend\w*|rather than|instead of)\b/i;
/**
 * "Should these troops engage …, they would …" is a condition, and "the need to suppress them" a noun: neither advises,
 * unless someone stresses that need ("Blinken stressed the need to bolster …").
 */
const NOT_ADVICE = /^[\s“"‘'(]*should\b|(?<!\b(?:stress(?:es|ed)?|emphasi[sz](?:es|ed)|underscor(?:es|ed)|highlight(?:s|ed)|urg(?:es|ed))\s+)\bthe need to\b/gi;

function prescribes(sentence: string): boolean {
  return PRESCRIBES.test(sentence.replace(NOT_ADVICE, ""));
}

const NAME = /(?<=\S\s+)\p{Lu}[\p{L}’'-]+/gu;
const ASKS_WHERE = /^\s*where\b/i;
/** "Where did Pyongyang send its soldiers?": a verb of going or sending, so "where" asks for a destination. */
const ASKS_WHERE_TO =
  /\b(?:send|sends|sent|sending|go|goes|went|gone|going|travel\w*|mov(?:e|es|ed|ing)|deploy\w*|ship(?:s|ped|ping)?|head(?:s|ed|ing)?|fle[de]|flee(?:s|ing)|fl(?:y|ew|own)|march\w*|return\w*)\b/i;
/** A name after a preposition of place: "in Kazan", "at the Kremlin". */
const NAMED_PLACE = /\b(?:in|at|near|outside|inside)\s+(?:the\s+)?(\p{Lu}[\p{L}’'-]+)/gu;

/**
 * Whether a sentence holds something of the kind asked for that the question does not already say: a figure for
 * "how many" or "how big", a date or period for "when", a name for "who" or "where", reported speech for "what did …
 * say" (and with a name for "who said"), a cause for "why", and for "did …" or "has …" a sentence that reports rather
 * than speculates. A sentence that only repeats the question's own names answers nothing.
 */
export function offersAnswer(type: AnswerType, sentence: string, question: string): boolean {
  switch (type) {
    case "quantity":
    case "size":
      return /\d/.test(sentence) || NUMBER_WORDS.test(sentence);
    case "time":
      return TIME_WORDS.test(sentence);
    case "event":
      return !SPECULATION.test(sentence);
    case "reason":
      return REASON_CUES.test(sentence);
    case "recommendation":
      return prescribes(sentence);
    case "instructions":
      return INSTRUCTS.test(sentence);
    case "item": {
      const ordinal = askedOrdinal(question);
      return ordinal !== undefined && opensItem(ordinal, sentence);
    }
    case "age":
      return GIVES_AGE.test(sentence);
    case "statement":
      return reportsSpeech(sentence) && (!ASKS_WHO.test(question) || namesAnyoneElse(sentence, question));
    case "place":
      // Where someone went or sent something is said in many ways ("sent to Russia's Kursk region", "visited Pyongyang").
      return ASKS_WHERE.test(question) && !ASKS_WHERE_TO.test(question) ? namesPlaceElse(sentence, question) : namesAnyoneElse(sentence, question);
    case "person":
      return namesAnyoneElse(sentence, question);
  }
}

/**
 * The kinds of answer that one passage or two hold, and that rank low, since they repeat few of the question's words:
 * what ought to be done ("the West should adopt a more assertive stance" for "What does the writer want the US and
 * Europe to do?"), and the item a list counts out ("Fourthly, …" for "What's the fourth concern the author lists?").
 * Figures, times and names are in most passages.
 */
const SCARCE_KINDS: ReadonlySet<AnswerType> = new Set(["recommendation", "item"]);

/** Whether the kind of answer asked for is scarce (see SCARCE_KINDS). */
export function isScarceKind(asked: AnswerType | undefined): asked is AnswerType {
  return asked !== undefined && SCARCE_KINDS.has(asked);
}

/**
 * Passages that hold the kind of answer asked for first, each group in its order, when the kind is scarce (see
 * SCARCE_KINDS); otherwise the passages in their order.
 */
export function answeringKindFirst<T extends { readonly text: string }>(asked: AnswerType | undefined, passages: readonly T[], question: string): T[] {
  if (!isScarceKind(asked)) return [...passages];
  const offers = (passage: T): boolean => anySentence(passage.text, (sentence) => offersAnswer(asked, sentence, question));
  return partition(passages, offers).flat();
}

/** Whether some sentence of a text passes the test. */
export function anySentence(text: string, test: (sentence: string) => boolean): boolean {
  return sentenceSpans(text).some(({ start, end }) => test(text.slice(start, end)));
}

function namesAnyoneElse(sentence: string, question: string): boolean {
  return namesOtherThan(question, sentence.matchAll(NAME));
}

/**
 * Whether a sentence says where something is or happened, by a name the question lacks after a preposition of place
 * ("the BRICS summit in Kazan"). Any other name is not the place asked for: "adherence to U.N. principles".
 */
function namesPlaceElse(sentence: string, question: string): boolean {
  return namesOtherThan(question, sentence.matchAll(NAMED_PLACE), 1);
}

function namesOtherThan(question: string, names: Iterable<RegExpMatchArray>, group = 0): boolean {
  const asked = new Set(contentTerms(question).map((t) => t.stem));
  for (const match of names) if (contentTerms(match[group]!).some((t) => !asked.has(t.stem))) return true;
  return false;
}

const QUANTITY_QUESTION = /\bhow (?:many|much)\b/i;
const PASSIVE = new Set(["been", "being", "be"]);
/**
 * Verbs that say little about what happened ("How many troops have gone to Russia?", "How many casualties has Russia
 * taken?"), or only that someone got somewhere, which a figure for those sent or deployed there answers ("have arrived
 * in Kursk"): a figure need not come with them.
 */
const LIGHT_VERB =
  /^(?:go|goes|going|gone|went|come|comes|coming|came|take|takes|taking|taken|took|get|gets|getting|got|gotten|make|makes|making|made|have|has|having|had|do|does|doing|did|done|give|gives|giving|given|gave|put|puts|putting|become|becomes|becoming|became|see|sees|seeing|seen|saw|keep|keeps|keeping|kept|arrive[sd]?|arriving|reach(?:ed|es|ing)?|enter(?:ed|s|ing)?)$/i;

/**
 * A past or present participle: regular, or one of the irregular ones figures are given for ("sent", "lost", "fallen").
 * Not any word ending in "en": "biden".
 */
const VERB_FORM =
  /^(?:\p{Ll}+(?:ed|ing)|sent|lost|fled|shot|hit|held|paid|spent|sold|bought|won|fought|built|caught|left|kept|struck|hurt|cut|fallen|stolen|driven|thrown|beaten|broken|chosen|written|hidden|frozen|sworn)$/u;

/**
 * What a "how many" question counts happening, when its wording says so in one verb: "died" in "How many soldiers
 * have died in Kursk?", "shipped" in "How many shells has North Korea shipped?". A figure answers it only from a
 * sentence that says that happened: the article's 10,000 soldiers were sent, not killed. A subject that is not a name
 * ("has the army lost") or a place after the verb ("are in Kursk") leaves the verb unknown.
 */
export function countedPredicate(question: string): string | undefined {
  const match = QUANTITY_QUESTION.exec(question);
  if (!match) return undefined;
  const words = questionWords(question.slice(match.index + match[0].length));
  const auxiliary = words.findIndex((w) => AUXILIARIES.has(w.toLowerCase()));
  if (auxiliary < 0) return undefined;
  // Typed all in lower case, a name looks like any other word ("did biden say", "has north korea shipped"): only a
  // word shaped like a verb is taken for one.
  const namesAreCapitalised = /\p{Lu}/u.test(question);
  for (const word of words.slice(auxiliary + 1)) {
    if (/^\p{Lu}/u.test(word) || PASSIVE.has(word)) continue;
    // A figure in the subject ("did Trump's 2019 budget request"), like an article, hides where the verb is.
    if (/\d/.test(word) || (!namesAreCapitalised && !VERB_FORM.test(word))) return undefined;
    return contentTerms(word).length > 0 && !LIGHT_VERB.test(word) ? word : undefined;
  }
  return undefined;
}

/** Time units, with the one word that says "every such unit" of them ("daily" for "per day"). */
const TIME_RATE_WORDS: Readonly<Record<string, RegExp>> = {
  hour: /\bhourly\b/i,
  day: /\bdaily\b/i,
  week: /\bweekly\b/i,
  month: /\bmonthly\b/i,
  year: /\b(?:yearly|annual(?:ly)?|per annum)\b/i,
};
/** "per soldier", "per North Korean artillery shell": a few words up to a pause or a preposition. */
const PER_UNIT = /\bper\s+((?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)(?=\s*(?:[?,.;]|$)|\s+(?:in|on|at|for|since|by|to|from|of|and|or)\b)/iu;
/** "per the piece", "per Trump's speech": the source of a figure, not its unit. */
const NAMES_A_SOURCE = /^(?:the|a|an|his|her|their|its|our|my|your)\b|['’]s\b/i;
/** "every day", "a month": "a" or "each" before any other noun ("How much is a soldier paid?") asks for no rate. */
const EVERY_TIME_UNIT = new RegExp(String.raw`\b(?:every|each|a|an)\s+(${Object.keys(TIME_RATE_WORDS).join("|")})s?\b`, "iu");

/**
 * The unit a "how many" or "how much" question asks a figure for, when it asks for one per something: "soldier" in
 * "How much is Moscow paying Pyongyang per soldier?", "day" in "How many soldiers are lost every day?". A figure
 * answers it only from a sentence that gives one per that unit.
 */
export function askedRate(question: string): string | undefined {
  if (!QUANTITY_QUESTION.test(question)) return undefined;
  const per = PER_UNIT.exec(question)?.[1];
  if (per !== undefined && !NAMES_A_SOURCE.test(per)) return per.split(/\s+/).at(-1)!.toLowerCase();
  return EVERY_TIME_UNIT.exec(question)?.[1]?.toLowerCase();
}

/** What a sentence gives figures per, if anything: the words after its "per", "each", "every" or "a". */
export function rateUnitsIn(sentence: string): string {
  return [...sentence.matchAll(/\b(?:per|each|every|an?)\s+((?:[\p{L}-]+\s+){0,2}[\p{L}-]+)/giu)].map((m) => m[1]!).join(" ");
}

/** Whether a sentence gives a figure for every `unit` of time in one word ("daily casualties" for "per day"). */
export function saysTimeRate(unit: string, sentence: string): boolean {
  return TIME_RATE_WORDS[unit.replace(/s$/, "")]?.test(sentence) ?? false;
}
