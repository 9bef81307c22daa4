import type { SearchHit } from "../retrieval/hybrid-search.js";
import type { Summary } from "./extractive.js";

/**
 * Turns a question's retrieved passages into a cited summary. The extractive one answers at once; one that calls a
 * model answers later, so the engine always awaits.
 */
export interface Summarizer {
  summarize(question: string, hits: readonly SearchHit[]): Summary | Promise<Summary>;
}
