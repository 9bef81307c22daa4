import type { Article } from "../corpus/types.js";
import { UserError } from "../errors.js";
import type { HybridSearch, SearchHit } from "../retrieval/hybrid-search.js";
import type { Summarizer } from "./summarizer.js";
import type { Answer } from "./types.js";
import { resolveFollowUp, type Turn } from "./follow-up.js";
import { sourceDetails } from "../corpus/source-details.js";
import { asksForBottomLine, closingSentences } from "./bottom-line.js";
import { ANSWER_BUDGET, answerText, NEAREST_PASSAGES, notAnsweredBecause } from "./extractive.js";
import { answeringKindFirst, anySentence, expectedAnswer, firstQuestion, isScarceKind, offersAnswer } from "./answer-type.js";
import { askedSpeakers } from "./question-focus.js";

export const MAX_QUESTION_LENGTH = 1000;

/**
 * Runs the engine's CPU-bound step (retrieval: ~10 ms of synchronous work). The bot queues these (bot/turns.ts) so a
 * burst of questions cannot hold up the gateway; waits on the network, such as a hosted model, stay outside the turn.
 */
export type ComputeTurn = <T>(task: () => Promise<T>) => Promise<T>;

export interface AskOptions {
  readonly k?: number;
  readonly turn?: ComputeTurn;
}

export interface EngineOptions {
  /** When each document's current content was indexed (ISO time), by document id. */
  readonly indexedAt?: ReadonlyMap<string, string>;
  /**
   * The question as retrieval and summarising read it, when that differs from what was typed (see CountryMetonyms);
   * answers still report the question as typed.
   */
  readonly interpret?: (question: string) => string;
  /**
   * Whether a sentence reports one of these speaking, by any of their names ("the Pentagon" for "DoD"). Without it, a
   * question about what someone said ranks passages as any other.
   */
  readonly reportsSpeechOf?: (speakers: readonly string[], sentence: string) => boolean;
}

const immediately: ComputeTurn = (task) => task();

export const WHICH_DOCUMENT_MESSAGE = notAnsweredBecause("it holds several documents, and the question does not say which one it is about");
export const MAX_K = 20;
/**
 * How many passages are searched for the few that hold a scarce kind of answer (see answeringKindFirst): on the eval
 * sets, those that say what ought to be done ranked 6th to 9th, and the article's "Finally, …" 11th for "What's the
 * last concern the author raises?".
 */
const SCARCE_KIND_DEPTH = 20;

export interface DocumentInfo {
  readonly id: string;
  readonly title: string;
  readonly published?: string;
  readonly source?: string;
  readonly url?: string;
  readonly file: string;
  readonly paragraphs: number;
  /** When the current content was indexed (ISO time), if known. */
  readonly indexedAt?: string;
}

// Control and zero-width characters make a question look empty or different from what the user sees.
const INVISIBLE = /[\p{Cc}\p{Cf}]+/gu;

/** Normalises a user's question, or explains why it cannot be answered as typed. */
export function cleanQuestion(raw: string): string {
  // NFC: an accent typed as a separate mark ("Bogota" + U+0301) is one letter, as in the corpus and WordNet.
  const question = raw.normalize("NFC").replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  if (question.length === 0) throw new UserError("EMPTY_QUESTION", "The question is empty: type what you want to know.");
  if (question.length > MAX_QUESTION_LENGTH) {
    throw new UserError("QUESTION_TOO_LONG", `The question is ${question.length} characters long; keep it under ${MAX_QUESTION_LENGTH}.`);
  }
  return question;
}

function checkK(k: number): number {
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new UserError("BAD_OPTION", `k must be a whole number from 1 to ${MAX_K}.`);
  return k;
}

/**
 * The answer engine: retrieve, select sentences, cite. It knows nothing of Discord or the terminal; the CLI, the
 * bot's commands and the briefing scheduler all call it.
 */
export class AnswerEngine {
  private byId: ReadonlyMap<string, Article>;
  private indexedAt: ReadonlyMap<string, string>;
  private interpret: (question: string) => string;
  private reportsSpeechOf: EngineOptions["reportsSpeechOf"];

  constructor(
    private retrieval: HybridSearch,
    private summarizer: Summarizer,
    articles: readonly Article[],
    options: EngineOptions = {},
  ) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
    this.indexedAt = options.indexedAt ?? new Map();
    this.interpret = options.interpret ?? ((question) => question);
    this.reportsSpeechOf = options.reportsSpeechOf;
  }

  /**
   * From now on answers come from `next`'s index and articles. Everyone holding this engine (commands, the briefing
   * scheduler, thread follow-ups) sees the new corpus at once; a request already running keeps the parts it read.
   */
  adopt(next: AnswerEngine): void {
    this.retrieval = next.retrieval;
    this.summarizer = next.summarizer;
    this.byId = next.byId;
    this.indexedAt = next.indexedAt;
    this.interpret = next.interpret;
    this.reportsSpeechOf = next.reportsSpeechOf;
  }

  get passageCount(): number {
    return this.retrieval.passageCount;
  }

  async ask(rawQuestion: string, options: AskOptions = {}): Promise<Answer> {
    const started = performance.now();
    const question = cleanQuestion(rawQuestion);
    const { retrieval, summarizer, interpret } = this;
    const k = checkK(options.k ?? 6);
    if (asksForBottomLine(question)) return this.bottomLine(question, started);
    const turn = options.turn ?? immediately;
    // Reading the question looks its words up in WordNet (a few ms for new words): part of the turn's work.
    const { read, hits } = await turn(async () => {
      const read = interpret(question);
      const asked = expectedAnswer(firstQuestion(read));
      const speakers = askedSpeakers(firstQuestion(read));
      const reportsSpeechOf = speakers.length > 0 ? this.reportsSpeechOf : undefined;
      const depth = isScarceKind(asked) || reportsSpeechOf ? Math.max(k, SCARCE_KIND_DEPTH) : k;
      const ranked = answeringKindFirst(asked, await retrieval.search(read, depth), read);
      if (!reportsSpeechOf) return { read, hits: ranked.slice(0, k) };
      // Their words of the kind asked for: "How big is the contingent, according to Washington?" wants their figure.
      const givesTheirAnswer = (sentence: string): boolean =>
        (asked === undefined || offersAnswer(asked, sentence, read)) && reportsSpeechOf(speakers, sentence);
      return { read, hits: withSpeakerNear(ranked, k, (hit) => anySentence(hit.text, givesTheirAnswer)).slice(0, k) };
    });
    // Summarising starts in a turn of its own (it is not inside it: a hosted model's reply is awaited outside turns),
    // so retrieval and sentence selection are two short stretches of work rather than one long one.
    await turn(() => Promise.resolve());
    const summary = await summarizer.summarize(read, hits, question);
    return {
      question,
      abstained: summary.abstained,
      answer: summary.answer,
      sentences: summary.sentences,
      citations: summary.citations,
      closest: summary.abstained ? hits.slice(0, 3) : [],
      passagesSearched: retrieval.passageCount,
      milliseconds: performance.now() - started,
    };
  }

  /**
   * "What's the article's bottom line?": the closing words of the article, where a writer sums up, since no passage
   * matches such a question's words. The article is the one given (a conversation's), else the corpus's only document;
   * with several, which one is meant is asked back, as an abstention.
   */
  private bottomLine(question: string, started: number, docId?: string): Answer {
    const [only, ...others] = this.byId.values();
    // A conversation's article may have left the corpus since: then it is as if none were given.
    const article = (docId !== undefined ? this.byId.get(docId) : undefined) ?? (others.length === 0 ? only : undefined);
    const common = { question, closest: [], passagesSearched: this.retrieval.passageCount };
    const text = article?.paragraphs.at(-1);
    if (!article || text === undefined) {
      return { ...common, abstained: true, answer: WHICH_DOCUMENT_MESSAGE, sentences: [], citations: [], milliseconds: performance.now() - started };
    }
    const spans = closingSentences(text, ANSWER_BUDGET.words, ANSWER_BUDGET.sentences);
    const sentences = spans.map(({ start, end }) => ({ text: text.slice(start, end), n: 1 }));
    const quote = text.slice(spans[0]!.start, spans.at(-1)!.end);
    // The question asks for this paragraph by its place: nothing to weigh it against.
    const citation = { n: 1, docId: article.id, title: article.title, paragraph: article.paragraphs.length, quote, score: 1 };
    return { ...common, abstained: false, answer: answerText(sentences), sentences, citations: [citation], milliseconds: performance.now() - started };
  }

  /**
   * Answers a message of a conversation: what it leaves out ("Where was it held?") is filled in from the turns before
   * it. The answer's `question` is the message as typed; `resolvedQuestion` is the message with those gaps filled
   * (what was searched, once its capitals are read as countries).
   */
  async followUp(history: readonly Turn[], rawMessage: string, options: AskOptions = {}): Promise<Answer & { resolvedQuestion: string }> {
    const message = cleanQuestion(rawMessage);
    if (asksForBottomLine(message)) {
      // Of the article the conversation's latest answer cited, not of one found for the question before it.
      const cited = history.findLast((turn) => (turn.citations?.length ?? 0) > 0)?.citations?.[0]?.docId;
      return { ...this.bottomLine(message, performance.now(), cited), resolvedQuestion: message };
    }
    const resolvedQuestion = cleanQuestion(resolveFollowUp(history, message).slice(0, MAX_QUESTION_LENGTH));
    const answer = await this.ask(resolvedQuestion, options);
    return { ...answer, question: message, resolvedQuestion };
  }

  async search(rawQuery: string, options: AskOptions = {}): Promise<SearchHit[]> {
    const query = cleanQuestion(rawQuery);
    const k = checkK(options.k ?? 5);
    const { retrieval, interpret } = this;
    return (options.turn ?? immediately)(() => retrieval.search(interpret(query), k));
  }

  documents(): DocumentInfo[] {
    return [...this.byId.values()].map((a) => this.infoOf(a));
  }

  private infoOf(a: Article): DocumentInfo {
    return {
      id: a.id,
      title: a.title,
      file: a.file,
      paragraphs: a.paragraphs.length,
      ...sourceDetails(a),
      ...(this.indexedAt.has(a.id) ? { indexedAt: this.indexedAt.get(a.id)! } : {}),
    };
  }

  /** The full text of paragraph `n` (1-based) of a document, so anyone can check a citation. */
  paragraph(docId: string, n: number): { readonly document: DocumentInfo; readonly text: string } {
    const article = this.byId.get(docId);
    if (!article) throw new UserError("UNKNOWN_DOCUMENT", `There is no document "${docId}". Try /sources.`);
    const text = article.paragraphs[n - 1];
    if (!Number.isInteger(n) || text === undefined) {
      throw new UserError("UNKNOWN_PARAGRAPH", `"${article.title}" has paragraphs 1 to ${article.paragraphs.length}.`);
    }
    return { document: this.infoOf(article), text };
  }
}

/**
 * A question about what someone named said is answered by a passage that reports them, which may rank low: "the
 * Pentagon has merely voiced its “increasing concern”" for "What did the DoD say …?" ranks 12th of 14. The best-ranked
 * such passage is brought among those the summarizer's checks look at (NEAREST_PASSAGES), after the two best (after
 * the best when only two passages are asked for); the others keep their order.
 */
function withSpeakerNear(hits: readonly SearchHit[], k: number, reportsSpeaker: (hit: SearchHit) => boolean): SearchHit[] {
  // With a single passage asked for, the best-ranked one stays: it is what the question's words match.
  const place = Math.max(1, Math.min(NEAREST_PASSAGES, k) - 1);
  const at = hits.findIndex(reportsSpeaker);
  if (at <= place) return [...hits];
  const others = hits.filter((_, i) => i !== at);
  return [...others.slice(0, place), hits[at]!, ...others.slice(place)];
}
