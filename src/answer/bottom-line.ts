import { countWords, sentenceSpans } from "../corpus/sentences.js";
import { contentTerms } from "../retrieval/text/terms.js";
import { TEXT_NOUN_PATTERN } from "./the-text.js";

/** Words that ask for a text's conclusion rather than for something in it; global, to remove every one of them. */
const ASKS_FOR_CONCLUSION =
  /\b(?:bottom[- ]line|conclusions?|conclude[sd]?|takeaways?|take-aways?|upshot|main point|key point|gist|tl;? ?dr|sum(?:s|med|ming)? (?:it|this|that) up|summary|summari[sz]e[sd]?)\b/gi;
/** The same words, to test for: a global pattern's `test` would carry its position from one question to the next. */
const ASKS_FOR_CONCLUSION_AT_ALL = new RegExp(ASKS_FOR_CONCLUSION.source, "i");
/** The text itself, as a question names it ("the article's bottom line", "what does the author conclude"). */
const THE_TEXT = new RegExp(`\\b(?:${TEXT_NOUN_PATTERN}|it|this|that)(?:['’]s)?\\b`, "gi");
/** Question words and fillers that say nothing about a topic ("What's the …", "give me the …"). */
const FILLER = /\b(?:what(?:['’]s)?|whats|give|me|us|quick|please|the|of|so|far|overall|main|key|central|big|real)\b/gi;

/**
 * Whether the question asks only for the text's conclusion, with no topic of its own: "What's the article's bottom
 * line?", "bottom line of the piece?", "tl;dr". A question with a topic ("What does the author conclude about
 * Seoul?") is answered like any other: the closing paragraph need not speak to the topic.
 */
export function asksForBottomLine(question: string): boolean {
  if (!ASKS_FOR_CONCLUSION_AT_ALL.test(question)) return false;
  const rest = question.replace(ASKS_FOR_CONCLUSION, " ").replace(THE_TEXT, " ").replace(FILLER, " ");
  return contentTerms(rest).length === 0;
}

/**
 * The closing words of a document, from its last paragraph: all of it when it fits the budget, else its last sentences
 * that do (a speech without paragraph breaks ends with its peroration, not with its opening).
 */
export function closingSentences(lastParagraph: string, maxWords: number, maxSentences: number): { start: number; end: number }[] {
  const spans = sentenceSpans(lastParagraph);
  const kept: { start: number; end: number }[] = [];
  let words = 0;
  for (const span of [...spans].reverse()) {
    const count = countWords(lastParagraph.slice(span.start, span.end));
    if (kept.length >= maxSentences || (kept.length > 0 && words + count > maxWords)) break;
    kept.unshift(span);
    words += count;
  }
  return kept;
}
