import { contentTerms } from "../retrieval/text/terms.js";

/** What kind of thing a question asks for, when its wording says so. */
export type AnswerType = "quantity" | "time" | "place" | "person";

const ASKS: ReadonlyArray<readonly [AnswerType, RegExp]> = [
  ["quantity", /\bhow (?:many|much)\b|\bwhat (?:share|percent(?:age)?|proportion|fraction|number)\b/i],
  ["time", /^\s*when\b|\b(?:what|which) (?:day|date|month|year)\b|\bhow long\b/i],
  ["place", /^\s*where\b|\b(?:what|which) (?:city|country|region|place|town)\b/i],
  ["person", /^\s*(?:who|whom)\b/i],
];

/**
 * The question up to its first question mark. A follow-up is searched together with the question before it ("What
 * about mediation? How many troops are in Kursk?"); what it asks for, and about whom, is in its own words.
 */
export function firstQuestion(text: string): string {
  const end = text.indexOf("?");
  return end < 0 ? text : text.slice(0, end + 1);
}

export function expectedAnswer(question: string): AnswerType | undefined {
  return ASKS.find(([, pattern]) => pattern.test(question))?.[0];
}

const NUMBER_WORDS =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|half|third|quarter|dozen|dozens|percent|majority)\b/i;
const TIME_WORDS =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|spring|summer|autumn|fall|winter|week|weeks|month|months|year|years|decade|since|ago|until|1\d{3}|20\d\d)\b/i;
const NAME = /(?<=\S\s+)\p{Lu}[\p{L}’'-]+/gu;

/**
 * Whether a sentence holds something of the kind asked for that the question does not already say: a figure for
 * "how many", a date or period for "when", a name for "who" or "where". A sentence that only repeats the question's
 * own names answers nothing.
 */
export function offersAnswer(type: AnswerType, sentence: string, question: string): boolean {
  switch (type) {
    case "quantity":
      return /\d/.test(sentence) || NUMBER_WORDS.test(sentence);
    case "time":
      return TIME_WORDS.test(sentence);
    case "place":
    case "person": {
      const asked = new Set(contentTerms(question).map((t) => t.stem));
      return [...sentence.matchAll(NAME)].some((m) => contentTerms(m[0]).some((t) => !asked.has(t.stem)));
    }
  }
}
