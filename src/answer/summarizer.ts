import type { SearchHit } from "../retrieval/hybrid-search.js";
import type { Summary } from "./extractive.js";

/**
 * Turns a question's retrieved passages into a cited summary. The extractive one answers at once; one that calls a
 * model answers later, so the engine always awaits.
 */
export interface Summarizer {
  /**
   * `question` is what retrieval read (capitals as their countries); `asTyped`, when it differs, is the user's own
   * wording, for whatever is said back to the user or sent to a model.
   */
  summarize(question: string, hits: readonly SearchHit[], asTyped?: string): Summary | Promise<Summary>;
}
