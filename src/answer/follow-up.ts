import { contentTerms } from "../retrieval/text/terms.js";

/** One earlier exchange of a conversation: what was asked and what the engine understood it to mean. */
export interface Turn {
  readonly question: string;
  /** The question as it was searched, with what it left out filled in from the turns before it. */
  readonly resolvedQuestion?: string;
  /** What its answer cited, first first: "What's the article's bottom line?" then means the article it cited. */
  readonly citations?: readonly { readonly docId: string }[];
}

// Words that point back at something said before: a message using them needs the conversation to be understood.
const ANAPHORA = /\b(it|its|it's|they|them|their|theirs|he|him|his|she|her|hers|this|that|these|those|there|then|such|so|why|how|else|also|too|instead|more|other|others|same|former|latter|and|but|what about|how about)\b/iu;
/** A message with this many content words or more usually says on its own what it is about. */
const SELF_CONTAINED_TERMS = 5;

/**
 * Turns a follow-up into a question that can be searched on its own. "Where was it held?" after "What did Xi Jinping
 * say at the BRICS summit?" becomes both together, so retrieval sees the summit; a message that names its own subject
 * ("What is Poland asking NATO to do about drones?") is left alone, so an earlier topic does not pull answers off course.
 */
export function resolveFollowUp(history: readonly Turn[], message: string): string {
  const previous = history.at(-1);
  if (!previous) return message;
  const terms = contentTerms(message).length;
  const pointsBack = ANAPHORA.test(message);
  if (terms >= SELF_CONTAINED_TERMS && !pointsBack) return message;
  if (terms >= SELF_CONTAINED_TERMS + 2) return message;
  return `${message} ${previous.resolvedQuestion ?? previous.question}`;
}
