import type { FeatureWeighting } from "./corpus-weights.js";
import type { FeatureExtractor } from "./embeddings/features.js";
import type { PassageRecord, Reranker } from "./hybrid-search.js";
import type { MeaningProfile, SoftMatcher } from "./semantic/soft-match.js";
import { querySignature, type PassageSignatures } from "./signatures.js";

/** Passages' word profiles kept for the next questions: the passages that answer questions recur. */
const PROFILE_CACHE_LIMIT = 5_000;

/**
 * Re-scores candidates by their exact WordNet-expanded features (the saved signatures) and, with word vectors, by
 * how much of the question each says in other words; each signal counts relative to its best candidate.
 */
export function passageReranker(options: {
  readonly extractor: FeatureExtractor;
  readonly signatures: PassageSignatures;
  /** Applied to the question's features (see corpusSpecificity). */
  readonly questionWeighting: FeatureWeighting;
  readonly soft?: SoftMatcher;
  /** Weight of the word-vector match beside the signatures' (1). */
  readonly meaningWeight?: number;
  /**
   * How many of the best first-stage candidates are matched by word vectors. Comparing every word pair is the
   * costliest step of a question; past the first 20, it changed one answer in the 189 of the eval sets.
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
    const meaning = soft.scoreAll(
      asked,
      passages.slice(0, meaningCandidates).map((p) => profileOf(soft, p)),
    );
    while (meaning.length < passages.length) meaning.push(0);
    const bestFeatures = Math.max(...features, Number.EPSILON);
    const bestMeaning = Math.max(...meaning, Number.EPSILON);
    return features.map((f, i) => f / bestFeatures + (meaningWeight * meaning[i]!) / bestMeaning);
  };
}
