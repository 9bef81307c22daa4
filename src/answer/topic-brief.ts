import { splitSentences } from "../corpus/sentences.js";
import type { SearchHit } from "../retrieval/hybrid-search.js";
import type { AnswerEngine } from "./engine.js";
import type { Answer, Citation } from "./types.js";

export const MAX_POINTS = 6;

/** One bullet of a briefing: a sentence quoted from the corpus and the marker of the paragraph it comes from. */
export interface BriefPoint {
  readonly text: string;
  readonly n: number;
}

export interface BriefGroup {
  readonly docId: string;
  readonly title: string;
  readonly points: readonly BriefPoint[];
}

export interface TopicBrief {
  readonly topic: string;
  /** True when the corpus has nothing on the topic: no groups, and `closest` offers the nearest passages. */
  readonly abstained: boolean;
  /** Bullets grouped by document, documents in order of their most relevant bullet. */
  readonly groups: readonly BriefGroup[];
  /** Numbered in reading order of the groups, one per cited paragraph. */
  readonly citations: readonly Citation[];
  readonly closest: readonly SearchHit[];
  readonly passagesSearched: number;
  readonly milliseconds: number;
}

interface Candidate {
  readonly text: string;
  readonly citation: Citation;
}

/** The answer's own sentences: they are the best-supported statements the engine found. */
function answerPoints(answer: Answer): Candidate[] {
  return answer.sentences.flatMap((sentence) => {
    const citation = answer.citations.find((c) => c.n === sentence.n);
    return citation ? [{ text: sentence.text, citation }] : [];
  });
}

/**
 * The lead sentence of each top passage the answer left out: a briefing should cover the topic's breadth, and a
 * paragraph's lead usually states what the paragraph is about.
 */
function breadthPoints(hits: readonly SearchHit[], taken: readonly Candidate[], room: number): Candidate[] {
  const cited = new Set(taken.map((p) => `${p.citation.docId}#${p.citation.paragraph}`));
  const points: Candidate[] = [];
  for (const hit of hits) {
    if (points.length >= room) break;
    const key = `${hit.docId}#${hit.paragraph}`;
    const lead = splitSentences(hit.text)[0];
    if (cited.has(key) || lead === undefined) continue;
    cited.add(key);
    const citation = { n: 0, docId: hit.docId, title: hit.title, paragraph: hit.paragraph, quote: lead, score: hit.score };
    points.push({ text: lead, citation });
  }
  return points;
}

/** Groups points by document and renumbers the citations in the order a reader meets them. */
function grouped(points: readonly Candidate[]): { groups: BriefGroup[]; citations: Citation[] } {
  const byDoc = new Map<string, Candidate[]>();
  for (const point of points) byDoc.set(point.citation.docId, [...(byDoc.get(point.citation.docId) ?? []), point]);
  const numbers = new Map<string, number>();
  const citations: Citation[] = [];
  const groups = [...byDoc.values()].map((docPoints) => ({
    docId: docPoints[0]!.citation.docId,
    title: docPoints[0]!.citation.title,
    points: docPoints.map(({ text, citation }) => {
      const key = `${citation.docId}#${citation.paragraph}`;
      let n = numbers.get(key);
      if (n === undefined) {
        n = citations.length + 1;
        numbers.set(key, n);
        citations.push({ ...citation, n });
      } else {
        const i = n - 1;
        const existing = citations[i]!;
        // Several bullets from one paragraph share a marker; its quote must then hold each one's verbatim source.
        if (!existing.quote.includes(citation.quote)) citations[i] = { ...existing, quote: `${existing.quote} ${citation.quote}` };
      }
      return { text, n };
    }),
  }));
  return { groups, citations };
}

/** A briefing on a topic: 3–6 cited bullet points, grouped by document. */
export async function topicBrief(engine: AnswerEngine, topic: string): Promise<TopicBrief> {
  const started = performance.now();
  const answer = await engine.ask(topic, { k: 12 });
  const base = { topic: answer.question, passagesSearched: answer.passagesSearched };
  if (answer.abstained) {
    return { ...base, abstained: true, groups: [], citations: [], closest: answer.closest, milliseconds: performance.now() - started };
  }
  const points = answerPoints(answer).slice(0, MAX_POINTS);
  if (points.length < MAX_POINTS) {
    const hits = await engine.search(answer.question, { k: MAX_POINTS + 2 });
    points.push(...breadthPoints(hits, points, MAX_POINTS - points.length));
  }
  return { ...base, abstained: false, ...grouped(points), closest: [], milliseconds: performance.now() - started };
}
