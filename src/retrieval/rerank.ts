import type { FeatureWeighting } from "./corpus-weights.js";
import type { FeatureExtractor } from "./embeddings/features.js";
import type { PassageRecord, Reranker } from "./hybrid-search.js";
import type { MeaningProfile, SoftMatcher } from "./semantic/soft-match.js";
import { querySignature, type PassageSignatures } from "./signatures.js";

/** Below this, the best candidate's word-vector match is not scaled up to 1 like the others'. */
const MEANING_FLOOR = 0.5;
/** Passages' word profiles kept for the next questions: the passages that answer questions recur. */
const PROFILE_CACHE_LIMIT = 5_000;

/**
 * Re-scores candidates by their exact WordNet-expanded features (the saved signatures) and, with word vectors, by
 * how much of the question each says in other words; each signal counts relative to its best candidate.
 */
export function passageReranker(options: {
  readonly extractor: FeatureExtractor;
  readonly signatures: PassageSignatures;
  /**
   * Applied to the question's features (see corpusSpecificity), each by its own rarity. Weighing related words by the
   * question word they came from, as sentence selection does (RelevanceScorer), cost this ranking 3 seed questions.
   */
  readonly questionWeighting: FeatureWeighting;
  readonly soft?: SoftMatcher;
  /** Weight of the word-vector match beside the signatures' (1). */
  readonly meaningWeight?: number;
  /**
   * How many of the best first-stage candidates are matched by word vectors; the rest count only the question words
   * they use themselves. Comparing every word pair is the costliest step of a question; past the first 20, it
   * changed one answer in the 189 of the eval sets.
   */
  readonly meaningCandidates?: number;
}): Reranker {
  const { extractor, signatures, questionWeighting, soft } = options;
  const meaningWeight = options.meaningWeight ?? 1;
  const meaningCandidates = options.meaningCandidates ?? 20;
  const profiles = new Map<string, MeaningProfile>();
  const profileOf = (matcher: SoftMatcher, passage: PassageRecord): MeaningProfile => {
    let profile = profiles.get(passage.passageId);
    if (!profile) {
      profile = matcher.profile(passage.text);
      if (profiles.size >= PROFILE_CACHE_LIMIT) profiles.clear();
      profiles.set(passage.passageId, profile);
    }
    return profile;
  };
  return (query, passages) => {
    const question = querySignature(questionWeighting(extractor.extract(query)));
    const features = passages.map((p) => signatures.cosine(question, p.passageId));
    if (!soft || meaningWeight === 0) return features;
    const asked = soft.profile(query);
    const profiled = passages.map((p) => profileOf(soft, p));
    const meaning = [
      ...soft.scoreAll(asked, profiled.slice(0, meaningCandidates)),
      ...soft.scoreAll(asked, profiled.slice(meaningCandidates), false),
    ];
    const bestFeatures = Math.max(...features, Number.EPSILON);
    // Relative to the best match, but a best match of a few words must not count as a full one.
    const bestMeaning = Math.max(...meaning, MEANING_FLOOR);
    return features.map((f, i) => f / bestFeatures + (meaningWeight * meaning[i]!) / bestMeaning);
  };
}
