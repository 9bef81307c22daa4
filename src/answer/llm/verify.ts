import { sentenceSpans, splitSentences } from "../../corpus/sentences.js";
import type { SearchHit } from "../../retrieval/hybrid-search.js";
import { contentTerms } from "../../retrieval/text/terms.js";
import type { AnswerSentence, Citation } from "../types.js";

/** What survived checking a model's summary against the passages it was given. */
export interface VerifiedSummary {
  readonly answer: string;
  readonly sentences: AnswerSentence[];
  readonly citations: Citation[];
  /** Sentences of the model's that were checked (at most `maxSentences` are), before any was dropped. */
  readonly written: number;
  /** Citations removed: to a passage that was not given, or to one that shares no content word with the sentence. */
  readonly removedCitations: number;
}

interface DraftSentence {
  readonly text: string;
  readonly markers: number[];
}

// "[1]", "[1, 2]", "[1-3]"; anything else in brackets ("[^1]", "(1)") is not a citation, so it cites nothing.
const MARKER = /\[\s*(\d+(?:\s*(?:[,;]|[-–])\s*\d+)*)\s*\]/gu;
const LEADING_MARKERS = /^(?:\s*\[\s*\d+(?:\s*(?:[,;]|[-–])\s*\d+)*\s*\])+/u;
// A "Sources" / "References" section the model appended on its own: sitrep lists its own sources.
const SOURCES_HEADING = /^\s*[#*_\s]*(?:sources|references|citations)\b[\s*_:]*$/iu;
const LIST_PREFIX = /^\s*(?:[-*•]|\d+[.)]|#+)\s+/u;
// Reasoning models served locally (deepseek-r1, qwq on Ollama) think aloud in the content: never part of the answer.
const REASONING = /<think>[\s\S]*?(?:<\/think>|$)/gu;
const MAX_RANGE = 20;

function markersIn(group: string): number[] {
  return group.split(/[,;]/).flatMap((part) => {
    const range = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/u.exec(part);
    if (!range) return [Number(part.trim())];
    const [from, to] = [Number(range[1]), Number(range[2])];
    return to >= from && to - from < MAX_RANGE ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [];
  });
}

function allMarkers(text: string): number[] {
  return [...text.matchAll(MARKER)].flatMap((m) => markersIn(m[1]!));
}

function stripMarkers(text: string): string {
  return text
    .replace(MARKER, " ")
    .replace(/\*\*|__/g, "")
    .replace(/\s+([.,;:!?])/gu, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The model's sentences with the markers each carries. A marker written after the full stop ("… sent. [1] Next …")
 * lands at the start of the next sentence when split, so leading markers go back to the sentence before.
 */
export function draftSentences(reply: string): DraftSentence[] {
  const lines: string[] = [];
  for (const line of reply.replace(REASONING, "").split(/\r?\n/)) {
    if (SOURCES_HEADING.test(line)) break;
    lines.push(line.replace(LIST_PREFIX, ""));
  }
  const drafts: DraftSentence[] = [];
  for (const sentence of lines.flatMap((line) => splitSentences(line.trim()))) {
    const leading = LEADING_MARKERS.exec(sentence)?.[0] ?? "";
    const previous = drafts.at(-1);
    const rest = previous && leading !== "" ? sentence.slice(leading.length) : sentence;
    if (previous && leading !== "") previous.markers.push(...allMarkers(leading));
    const text = stripMarkers(rest);
    if (text === "" || !/[\p{L}\p{N}]/u.test(text)) {
      if (previous) previous.markers.push(...allMarkers(rest));
      continue;
    }
    drafts.push({ text, markers: allMarkers(rest) });
  }
  return drafts;
}

function stemsOf(text: string): Set<string> {
  return new Set(contentTerms(text).map((t) => t.stem));
}

function sharedStems(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const stem of a) if (b.has(stem)) shared++;
  return shared;
}

/** The passage sentence that says most of what the model's sentence says; the first one when none overlaps. */
function bestSpan(passage: SearchHit, sentence: ReadonlySet<string>): { start: number; end: number } {
  const spans = sentenceSpans(passage.text);
  let best = spans[0] ?? { start: 0, end: passage.text.length };
  let bestShared = 0;
  for (const span of spans) {
    const shared = sharedStems(sentence, stemsOf(passage.text.slice(span.start, span.end)));
    if (shared > bestShared) [best, bestShared] = [span, shared];
  }
  return best;
}

/**
 * Checks a model's summary against the passages it was given (passage `[k]` is `passages[k-1]`): a citation of a
 * passage that was not given, or that shares no content word with its sentence, is removed; a sentence left without
 * a citation is dropped; the remaining markers are renumbered by first use, and each cited passage is quoted verbatim
 * (from the first to the last of its sentences the summary draws on).
 */
export function verifySummary(reply: string, passages: readonly SearchHit[], maxSentences = 6): VerifiedSummary {
  const drafts = draftSentences(reply);
  const passageStems = passages.map((p) => stemsOf(`${p.title} ${p.text}`));
  const numberOf = new Map<number, number>();
  const spans = new Map<number, { start: number; end: number }>();
  const sentences: { text: string; markers: number[] }[] = [];
  let removedCitations = 0;
  let examined = 0;
  for (const draft of drafts) {
    if (sentences.length >= maxSentences) break;
    examined++;
    const stems = stemsOf(draft.text);
    const given = [...new Set(draft.markers)].filter((k) => {
      const supported = Number.isInteger(k) && k >= 1 && k <= passages.length && sharedStems(stems, passageStems[k - 1]!) > 0;
      if (!supported) removedCitations++;
      return supported;
    });
    if (given.length === 0) continue;
    for (const k of given) {
      if (!numberOf.has(k)) numberOf.set(k, numberOf.size + 1);
      const span = bestSpan(passages[k - 1]!, stems);
      const seen = spans.get(k);
      spans.set(k, seen ? { start: Math.min(seen.start, span.start), end: Math.max(seen.end, span.end) } : span);
    }
    sentences.push({ text: draft.text, markers: given.map((k) => numberOf.get(k)!) });
  }
  const citations = [...numberOf].map(([k, n]) => {
    const passage = passages[k - 1]!;
    const span = spans.get(k)!;
    return {
      n,
      docId: passage.docId,
      title: passage.title,
      paragraph: passage.paragraph,
      quote: passage.text.slice(span.start, span.end),
      score: Math.round(passage.score * 1000) / 1000,
    };
  });
  return {
    answer: sentences.map((s) => `${s.text} ${s.markers.map((n) => `[${n}]`).join("")}`).join(" "),
    sentences: sentences.map((s) => ({ text: s.text, n: s.markers[0]! })),
    citations,
    written: examined,
    removedCitations,
  };
}
