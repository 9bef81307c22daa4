import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { SearchHit } from "../../retrieval/hybrid-search.js";
import type { ExtractiveSummarizer, Summary } from "../extractive.js";
import type { Summarizer } from "../summarizer.js";
import { NO_ANSWER, SYSTEM_PROMPT, userPrompt } from "./prompt.js";
import { verifySummary } from "./verify.js";

export type ChatModel = Pick<BaseChatModel, "invoke">;

export interface LlmSummarizerOptions {
  /** The whole call, retries included (there are none): past it the extractive summary answers. */
  readonly timeoutMs: number;
  /** How many of the top passages the model is given. */
  readonly passages?: number;
  /** Below this share of the model's sentences surviving verification, its summary is not trusted at all. */
  readonly minKeptShare?: number;
  readonly maxSentences?: number;
  /** Where the reason for each fallback goes (one line, never a secret). */
  readonly log?: (message: string) => void;
  /** Values scrubbed from any reason before it is logged (the API key). */
  readonly secrets?: readonly string[];
}

class DeadlineError extends Error {}

/** Runs `work` with an abort signal, and gives up at the deadline even if `work` ignores the signal. */
async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineError(`no reply within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A chat model writes the summary from the numbered passages; what it writes is verified before anyone sees it
 * (see verifySummary). When the corpus does not answer, the model is not asked; when it fails, is late, or too little
 * of what it wrote is supported, the extractive summary answers instead and the reason is logged.
 */
export class LlmSummarizer implements Summarizer {
  constructor(
    private readonly model: ChatModel,
    private readonly extractive: ExtractiveSummarizer,
    private readonly options: LlmSummarizerOptions,
  ) {}

  async summarize(question: string, hits: readonly SearchHit[], asTyped = question): Promise<Summary> {
    const fallback = this.extractive.summarize(question, hits, asTyped);
    if (fallback.abstained) return fallback;
    const passages = hits.slice(0, this.options.passages ?? 5);
    let reply: string;
    try {
      reply = await withDeadline(this.options.timeoutMs, async (signal) => {
        const message = await this.model.invoke([new SystemMessage(SYSTEM_PROMPT), new HumanMessage(userPrompt(asTyped, passages))], { signal });
        return message.text;
      });
    } catch (error) {
      return this.fallBack(fallback, `the model failed: ${this.reason(error)}`);
    }
    if (reply.trim().replace(/\.$/, "") === NO_ANSWER) return this.fallBack(fallback, "the model found no answer in the passages");
    const verified = verifySummary(reply, passages, this.options.maxSentences ?? 6);
    const kept = verified.sentences.length;
    if (kept === 0 || kept < (this.options.minKeptShare ?? 0.5) * verified.written) {
      return this.fallBack(fallback, `${kept} of the ${verified.written} sentences the model wrote cite a given passage that supports them`);
    }
    if (kept < verified.written || verified.removedCitations > 0) {
      this.options.log?.(`LLM summary: dropped ${verified.written - kept} of ${verified.written} sentences and ${verified.removedCitations} citations that no given passage supports`);
    }
    return { abstained: false, answer: verified.answer, sentences: verified.sentences, citations: verified.citations, coverage: fallback.coverage };
  }

  private fallBack(fallback: Summary, why: string): Summary {
    this.options.log?.(`LLM summary not used (${why}); answering with the extractive summary`);
    return fallback;
  }

  private reason(error: unknown): string {
    const raw = error instanceof DeadlineError ? error.message : `${(error as Error).name ?? "Error"}: ${(error as Error).message ?? String(error)}`;
    let reason = raw;
    for (const secret of this.options.secrets ?? []) if (secret.length > 0) reason = reason.split(secret).join("[redacted]");
    return reason.replace(/\s+/g, " ").slice(0, 200);
  }
}
