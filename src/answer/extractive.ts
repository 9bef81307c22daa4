import { sentenceSpans, countWords } from "../corpus/sentences.js";
import type { SearchHit } from "../retrieval/hybrid-search.js";
import { bagCosine } from "../retrieval/mmr.js";
import type { QuestionProfile, RelevanceScorer, TextProfile } from "../retrieval/relevance.js";
import { askedRate, countedPredicate, expectedAnswer, firstQuestion, isScarceKind, offersAnswer, rateUnitsIn, saysTimeRate, type AnswerType } from "./answer-type.js";
import { askedFocus, askedSpeakerNames, askedSpeakers, askedTitle, reportsSpeech, type CompoundTest } from "./question-focus.js";
import { partition } from "./partition.js";
import type { Summarizer } from "./summarizer.js";
import type { AnswerSentence, Citation } from "./types.js";

export interface ExtractiveOptions {
  readonly maxWords?: number;
  readonly maxSentences?: number;
  /** How many of the top passages sentences are drawn from. */
  readonly passages?: number;
  /** Below this coverage of the question by the best passages, the corpus is taken not to answer it. */
  readonly minCoverage?: number;
  /**
   * How a sentence's score mixes its passage's rank with its own match to the question: overall similarity, words
   * covered, and (with word vectors) words said in other words.
   */
  readonly weights?: { readonly passage: number; readonly similarity: number; readonly coverage: number; readonly meaning?: number };
  /** A further sentence must score at least this share of the lead sentence's score. */
  readonly followShare?: number;
  /** Names in the question that the corpus never mentions: the corpus cannot answer a question about them. */
  readonly unmentionedNames?: (question: string) => readonly string[];
  /**
   * Whether a text, given by its stems, mentions every one of the names, by any name the names check knows for them
   * ("Ukrainian" for Kyiv): a question about what someone said needs a sentence that names them and reports speech.
   */
  readonly mentionsNames?: (names: readonly string[], stems: ReadonlySet<string>) => boolean;
  /** Whether a text names something of a kind ("blue" is a colour), when the words for kinds are known. */
  readonly namesKind?: (kind: string, text: string) => boolean;
  /**
   * Whether words are one noun to a dictionary ("boiling point"): a generic noun so qualified ("What is the boiling point
   * of water?") names a thing the passages must name. Without it, generic nouns are never looked for.
   */
  readonly isCompound?: CompoundTest;
  /** How much more a sentence that offers the kind of answer asked for ("how many": a figure) scores. */
  readonly answerTypeBonus?: number;
}

const DEFAULT_WEIGHTS = { passage: 0.5, similarity: 0.25, coverage: 0.25, meaning: 0.25 };
/** How many of the best passages the checks of whether the corpus answers a question look at. */
export const NEAREST_PASSAGES = 3;
/** How long an answer may be unless the options say otherwise. */
export const ANSWER_BUDGET = { words: 120, sentences: 5 } as const;

export interface Summary {
  readonly abstained: boolean;
  readonly answer: string;
  readonly sentences: AnswerSentence[];
  readonly citations: Citation[];
  /** The best coverage of the question found among the top passages (what the abstention decision looked at). */
  readonly coverage: number;
}

interface Candidate {
  readonly hit: SearchHit;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly words: number;
  readonly profile: TextProfile;
  /** How well the sentence itself answers the question, in [0, 1]. */
  readonly own: number;
  /** Whether it holds the kind of thing the question asks for (a figure for "how many"), when it asks for one. */
  readonly offersAskedKind: boolean;
  readonly score: number;
  readonly order: number;
}

/**
 * A sentence that opens by pointing back to the one before it. Not "It …" nor "That …" on their own: "It has been
 * reported that …" and "That the Kremlin has turned to …" point at nothing.
 */
const REFERS_BACK = /^\s*(?:(?:this|these|those|such)\b|that\s+(?:is|was)\s+(?:why|how|because)\b|(?:consequently|therefore|thus|hence|as a result)\b)/i;

/** How many of the best-matching sentences may hold the kind of answer a question asks for. */
const TYPED_ANSWER_SENTENCES = 3;

const NOT_ANSWERED = "The corpus does not answer this question";
export const ABSTAIN_MESSAGE = `${NOT_ANSWERED}.`;

/** The abstention, with the reason found for it. */
export function notAnsweredBecause(reason: string): string {
  return `${NOT_ANSWERED}: ${reason}.`;
}

/** For "How do I …?" when the closest passages tell no one what to do. */
export const NO_STEPS_MESSAGE = notAnsweredBecause("the passages closest to it give no steps to follow");

/** For "How old …?" when the closest sentences give no age. */
export const NO_AGE_MESSAGE = notAnsweredBecause("the passages closest to it give no age");

export function unmentionedMessage(names: readonly string[]): string {
  const listed = names.map((name) => `“${name}”`);
  const joined = listed.length > 1 ? `${listed.slice(0, -1).join(", ")} or ${listed.at(-1)!}` : listed[0]!;
  return notAnsweredBecause(`it never mentions ${joined}`);
}

export function unnamedFocusMessage(focus: string): string {
  return notAnsweredBecause(`the passages closest to it say nothing of “${focus}”`);
}

export function uncountedMessage(verb: string): string {
  return notAnsweredBecause(`the passages closest to it give figures, but none for “${verb}”`);
}

export function unratedMessage(unit: string): string {
  return notAnsweredBecause(`the passages closest to it give no figure per “${unit}”`);
}

export function unreportedSpeakerMessage(speakers: readonly string[]): string {
  return notAnsweredBecause(`the passages closest to it never report ${speakers.map((s) => `“${s}”`).join(" and ")} saying anything`);
}

/**
 * Picks the sentences of the top passages that best answer the question: the most direct one first, then others
 * that add something new, within a word budget. Every sentence keeps a marker to the paragraph it came from.
 */
export class ExtractiveSummarizer implements Summarizer {
  constructor(
    private readonly scorer: RelevanceScorer,
    private readonly options: ExtractiveOptions = {},
  ) {}

  summarize(question: string, hits: readonly SearchHit[], asTyped = question): Summary {
    const profile = this.scorer.question(question);
    const top = hits.slice(0, this.options.passages ?? 4);
    const asked = expectedAnswer(firstQuestion(question));
    // Whom the question asks to have spoken: by their title ("the US president", whose sentence may not say "US"),
    // else by the names it was read as ("United States" for "Washington").
    const title = asked === "statement" ? askedTitle(firstQuestion(question)) : undefined;
    const speakers = title === undefined ? askedSpeakers(firstQuestion(question)) : [];
    const candidates = this.candidates(question, asked, profile, top, speakers, title);
    // A passage's words are those of its sentences: reuse their analysis instead of analysing the passage again.
    const nearest = top.slice(0, NEAREST_PASSAGES);
    const passages = nearest.map((hit) => candidates.filter((c) => c.hit === hit).map((c) => c.profile));
    const coverage = Math.max(0, ...passages.map((sentences) => this.scorer.coverage(profile, ...sentences)));
    const abstain = (answer: string): Summary => ({ abstained: true, answer, sentences: [], citations: [], coverage });
    if (top.length === 0 || profile.terms.length === 0 || coverage < (this.options.minCoverage ?? 0.25)) return abstain(ABSTAIN_MESSAGE);
    // Whom a question asks "What did … say?" of, as typed: "never reports “DoD”", not the name it was read as.
    const asksWhatWasSaidBy = askedSpeakerNames(firstQuestion(asTyped));
    const unanswered = this.whyUnanswered(firstQuestion(asTyped), asked, asksWhatWasSaidBy, candidates, nearest, passages.flat());
    if (unanswered !== undefined) return abstain(unanswered);
    // Few sentences report a named speaker, and those that do may share few other words with the question.
    const leadOffersKind = isScarceKind(asked) || (asked === "statement" && speakers.length > 0);
    const chosen = this.withAntecedent(this.choose(candidates, leadOffersKind), candidates);
    return { abstained: false, ...render(chosen), coverage };
  }

  /**
   * Why the best passages, though they cover the question's words, do not answer it, if they do not; checked in order,
   * from the most specific reason. `typed` is the question's first question as the user typed it.
   */
  private whyUnanswered(
    typed: string,
    asked: AnswerType | undefined,
    speakers: readonly string[],
    candidates: readonly Candidate[],
    nearest: readonly SearchHit[],
    nearestSentences: readonly TextProfile[],
  ): string | undefined {
    // The names the user typed: "never mentions Belgrade", not the country it was read as.
    const unmentioned = this.options.unmentionedNames?.(typed) ?? [];
    if (unmentioned.length > 0) return unmentionedMessage(unmentioned);
    const figures = typedAnswers(asked, candidates);
    if (figures !== undefined && figures.length === 0) return (asked && WHY_NONE_OFFERED[asked]) ?? ABSTAIN_MESSAGE;
    const counted = asked === "quantity" ? countedPredicate(typed) : undefined;
    // By base forms: "dispatched" is said by "sent", the past of "send".
    if (figures !== undefined && counted !== undefined && !this.saysInOneSentence([counted], figures.map((c) => this.scorer.withBaseForms(c.text)))) {
      return uncountedMessage(counted);
    }
    const rate = asked === "quantity" ? askedRate(typed) : undefined;
    if (rate !== undefined && !candidates.some((c) => c.offersAskedKind && this.givesRate(rate, c.text))) return unratedMessage(rate);
    const focus = askedFocus(typed, this.options.isCompound);
    if (focus !== undefined && this.saysNothingOf(focus, nearestSentences, nearest)) return unnamedFocusMessage(focus);
    if (speakers.length > 0 && this.neverReportsSpeechOf(speakers, candidates.filter((c) => nearest.includes(c.hit)))) {
      return unreportedSpeakerMessage(speakers);
    }
    return undefined;
  }

  /** Whether a sentence gives its figure per the unit asked for: "per troop" for "per soldier", "daily" for "a day". */
  private givesRate(unit: string, sentence: string): boolean {
    if (saysTimeRate(unit, sentence)) return true;
    const units = rateUnitsIn(sentence);
    return units.length > 0 && this.saysInOneSentence([unit], [this.scorer.text(units)]);
  }

  /**
   * Whether none of the passages names the thing asked for, nor anything WordNet files close to it or under it ("What
   * colour …?" is answered by "blue", "Which cities …?" by Moscow). Word vectors are not asked: they relate any two
   * words of one field ("spokesman" and "minister" 0.6).
   */
  private saysNothingOf(focus: string, sentences: readonly TextProfile[], passages: readonly SearchHit[]): boolean {
    // A compound ("half-life", "boiling point") is named only where all of its words are: "half of the shells" is no
    // half-life.
    if (this.saysInOneSentence(focus.split(/[-\s]/), sentences)) return false;
    const namesKind = this.options.namesKind;
    return !namesKind || !passages.some((hit) => namesKind(focus, hit.text));
  }

  /**
   * Whether the sentences name the speakers only where no speech is reported: then they are about them, and do not say
   * what they said. Passages that never name them are not taken as that evidence (retrieval may have missed the one
   * that does: "the DoD" for an article's "the Pentagon"); without a names check, nothing is.
   */
  private neverReportsSpeechOf(speakers: readonly string[], sentences: readonly Candidate[]): boolean {
    const mentionsNames = this.options.mentionsNames;
    if (!mentionsNames) return false;
    const [reporting, other] = partition(sentences, (s) => reportsSpeech(s.text));
    if (reporting.some((s) => mentionsNames(speakers, s.profile.stems))) return false;
    return other.some((s) => mentionsNames(speakers, s.profile.stems));
  }

  /**
   * Whether a sentence names who the question asks to have spoken, when it names anyone: "What did the Pentagon say
   * …?" is answered by the Pentagon's words, not by any sentence that reports speech ("Reports indicating …").
   */
  private namesSpeakers(speakers: readonly string[], sentence: TextProfile): boolean {
    const mentionsNames = this.options.mentionsNames;
    return speakers.length === 0 || !mentionsNames || mentionsNames(speakers, sentence.stems);
  }

  /**
   * Whether one of the sentences says every one of the words, each itself or by something WordNet relates closely to
   * it; words with nothing to look for (stopwords) are true of any text. A figure answers "How many soldiers have
   * died?" only from a sentence about dying; the words of several sentences together do not name "general".
   */
  private saysInOneSentence(words: readonly string[], sentences: readonly TextProfile[]): boolean {
    return this.sayingAll(words)(sentences);
  }

  /** saysInOneSentence with the words analysed once, for asking of many sentences. */
  private sayingAll(words: readonly string[]): (sentences: readonly TextProfile[]) => boolean {
    const asked = words.map((word) => this.scorer.question(word)).filter((word) => word.terms.length > 0);
    return (sentences) => asked.length === 0 || sentences.some((sentence) => asked.every((word) => this.scorer.coverage(word, sentence) > 0));
  }

  private candidates(
    question: string,
    asked: AnswerType | undefined,
    profile: QuestionProfile,
    hits: readonly SearchHit[],
    speakers: readonly string[],
    title: string | undefined,
  ): Candidate[] {
    const bestHit = Math.max(...hits.map((h) => h.score), Number.EPSILON);
    // Weights given without `meaning` keep its default, so word vectors are not turned off by accident.
    const w = { ...DEFAULT_WEIGHTS, ...this.options.weights };
    const bonus = this.options.answerTypeBonus ?? 0.5;
    const namesTitle = title === undefined ? undefined : this.sayingAll([title]);
    let order = 0;
    return hits.flatMap((hit) =>
      sentenceSpans(hit.text).map(({ start, end }) => {
        const text = hit.text.slice(start, end);
        const sentence = this.scorer.text(text);
        const offersAskedKind =
          asked !== undefined &&
          offersAnswer(asked, text, question) &&
          this.namesSpeakers(speakers, sentence) &&
          // A figure "according to Kyiv" is one Kyiv is reported giving, not any figure in a sentence naming Ukraine.
          (speakers.length === 0 || reportsSpeech(text)) &&
          (namesTitle === undefined || namesTitle([sentence]));
        const meaning = w.meaning > 0 ? this.scorer.meaning(profile, sentence) : undefined;
        const meaningWeight = meaning === undefined ? 0 : w.meaning;
        const own =
          ((w.similarity * this.scorer.similarity(profile, sentence) +
            w.coverage * this.scorer.coverage(profile, sentence) +
            meaningWeight * (meaning ?? 0)) /
            (w.similarity + w.coverage + meaningWeight || 1)) *
          (offersAskedKind ? 1 + bonus : 1);
        const score = (1 - w.passage) * own + w.passage * (hit.score / bestHit);
        return { hit, start, end, text, words: countWords(text), profile: sentence, own, offersAskedKind, score, order: order++ };
      }),
    );
  }

  /**
   * The lead sentence, when it points back to the one before it ("This has established North Korea as …", "That is why
   * I announced …"), goes out with that sentence ahead of it, if the budget allows: alone it does not say what "this"
   * is, nor why. Likewise the sentence that introduces by full name someone the lead calls by first name only. Only the
   * lead: the antecedents of further sentences lengthened answers with little to the question.
   */
  private withAntecedent(chosen: Candidate[], candidates: readonly Candidate[]): Candidate[] {
    const lead = chosen[0];
    if (!lead) return chosen;
    const before = REFERS_BACK.test(lead.text)
      ? candidates.find((c) => c.hit === lead.hit && c.order === lead.order - 1)
      : introductionOf(lead, candidates);
    if (!before || chosen.includes(before)) return chosen;
    const { maxWords, maxSentences } = this.budget;
    const words = chosen.reduce((sum, c) => sum + c.words, 0);
    return chosen.length < maxSentences && words + before.words <= maxWords ? [before, ...chosen] : chosen;
  }

  /** How long an answer may be: the options' limits, else ANSWER_BUDGET's. */
  private get budget(): { maxWords: number; maxSentences: number } {
    return { maxWords: this.options.maxWords ?? ANSWER_BUDGET.words, maxSentences: this.options.maxSentences ?? ANSWER_BUDGET.sentences };
  }

  /**
   * `leadOffersKind`: when some sentence offers the kind of answer asked for, the best of those leads. For a scarce kind
   * (see isScarceKind) the passage's rank says little: "Fourthly, …" answers "What's the fourth concern?" from a
   * passage that shares no other word with it.
   */
  private choose(candidates: readonly Candidate[], leadOffersKind = false): Candidate[] {
    const { maxWords, maxSentences } = this.budget;
    const ranked = [...candidates].sort((a, b) => b.score - a.score);
    const lead = (leadOffersKind ? ranked.find((c) => c.offersAskedKind) : undefined) ?? ranked[0];
    if (!lead) return [];
    const chosen = [lead];
    let words = lead.words;
    const followShare = this.options.followShare ?? 0.6;
    for (const next of ranked) {
      if (next === lead) continue;
      if (chosen.length >= maxSentences || next.score < followShare * lead.score) break;
      // Its passage ranking high is not enough: the sentence itself must speak to the question.
      if (next.own < followShare * lead.own) continue;
      if (words + next.words > maxWords) continue;
      if (chosen.some((c) => bagCosine(c.profile.features, next.profile.features) > 0.5)) continue;
      chosen.push(next);
      words += next.words;
    }
    return chosen;
  }
}

/** The kinds of answer that a question asking for one is not answered without (see typedAnswers). */
const REQUIRED_KINDS: ReadonlySet<AnswerType> = new Set(["quantity", "age", "time", "instructions"]);

/** Why a question is not answered when no sentence offers the kind it asks for, where more can be said than that. */
const WHY_NONE_OFFERED: Partial<Record<AnswerType, string>> = { instructions: NO_STEPS_MESSAGE, age: NO_AGE_MESSAGE };

/**
 * For a question that asks for a figure, an age, a time or steps to follow, those of the sentences that match it best
 * that hold one; none means it is unanswered: "How many drones crossed into Poland?" is not answered by the paragraph
 * about drones, nor "How do I change my nickname?" by a passage that mentions names. A person or a place may be
 * answered without a name ("the lighthouse keeper", "across the border"), so for those (undefined) they only rank.
 */
function typedAnswers(asked: AnswerType | undefined, candidates: readonly Candidate[]): Candidate[] | undefined {
  if (asked === undefined || !REQUIRED_KINDS.has(asked)) return undefined;
  return [...candidates]
    .sort((a, b) => b.score - a.score)
    .slice(0, TYPED_ANSWER_SENTENCES)
    .filter((c) => c.offersAskedKind);
}

/** Not the second word of a run of capitalised words ("Russian President …"), as a pattern's source. */
const NOT_AFTER_A_CAPITAL = String.raw`(?<!\p{Lu}[\p{L}’'.-]*\s+)`;
/** The end of a word that no capitalised word follows, as a pattern's source. */
const ENDS_A_NAME = String.raw`(?![\p{L}’'-]|\s+\p{Lu})`;
/** A name's first word alone, as a text calls someone it has introduced: "Now, Matthew is the very first person …". */
const FIRST_NAME_ALONE = new RegExp(String.raw`(?<=\S\s+)${NOT_AFTER_A_CAPITAL}(\p{Lu}\p{Ll}+)${ENDS_A_NAME}`, "gu");

/**
 * The sentence before the lead, in its passage, that introduces by full name someone the lead calls by first name only
 * ("… Matthew Charles from Tennessee …"): the lead alone does not say who.
 */
function introductionOf(lead: Candidate, candidates: readonly Candidate[]): Candidate | undefined {
  const earlier = candidates.filter((c) => c.hit === lead.hit && c.order < lead.order).reverse();
  for (const [, name] of lead.text.matchAll(FIRST_NAME_ALONE)) {
    // First name and surname, no more: "Russian President Vladimir Putin" introduces no "Russian".
    const fullName = new RegExp(String.raw`${NOT_AFTER_A_CAPITAL}\b${name!}\s+\p{Lu}[\p{L}’'-]*${ENDS_A_NAME}`, "u");
    const introduction = earlier.find((c) => fullName.test(c.text));
    if (introduction) return introduction;
  }
  return undefined;
}

function render(chosen: readonly Candidate[]): { answer: string; sentences: AnswerSentence[]; citations: Citation[] } {
  // One citation per passage, so a quote is always one verbatim span (a long paragraph's slices cite separately).
  const byPassage = new Map<string, { n: number; parts: Candidate[] }>();
  const sentences: AnswerSentence[] = [];
  for (const sentence of chosen) {
    const key = sentence.hit.passageId;
    let entry = byPassage.get(key);
    if (!entry) {
      entry = { n: byPassage.size + 1, parts: [] };
      byPassage.set(key, entry);
    }
    entry.parts.push(sentence);
    sentences.push({ text: sentence.text, n: entry.n });
  }
  const citations = [...byPassage.values()].map(({ n, parts: used }) => {
    const first = used[0]!;
    return {
      n,
      docId: first.hit.docId,
      title: first.hit.title,
      paragraph: first.hit.paragraph,
      quote: quoteOf(used),
      // A sentence that holds what was asked for is ranked up past 1 (answerTypeBonus); a citation reports [0, 1].
      score: round(Math.min(1, Math.max(...used.map((u) => u.score)))),
    };
  });
  return { answer: answerText(sentences), sentences, citations };
}

/** An answer's text: each sentence followed by the marker of the citation it comes from. */
export function answerText(sentences: readonly AnswerSentence[]): string {
  return sentences.map((s) => `${s.text} [${s.n}]`).join(" ");
}

/** The used sentences of one passage as one verbatim span, from the first used sentence to the last. */
function quoteOf(used: readonly Candidate[]): string {
  const start = Math.min(...used.map((u) => u.start));
  const end = Math.max(...used.map((u) => u.end));
  return used[0]!.hit.text.slice(start, end);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
