import { ChatOpenAI } from "@langchain/openai";
import type { LlmConfig } from "../../config/models.js";
import type { ChatModel } from "./llm-summarizer.js";

/** OpenAI's client refuses to start without a key; local servers (Ollama, llama.cpp, vLLM) ignore whatever is sent. */
const NO_KEY = "not-needed";

/**
 * A LangChain chat model for any OpenAI-compatible endpoint. No retries: a failed or late summary falls back to the
 * extractive one at once instead of making the asker wait through backoff. Non-streaming, so LangChain never needs a
 * tokenizer (which it would download).
 */
export function openAiChatModel(config: LlmConfig): ChatModel {
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey ?? NO_KEY,
    timeout: config.timeoutMs,
    maxRetries: 0,
    streaming: false,
    ...(config.baseUrl !== undefined ? { configuration: { baseURL: config.baseUrl } } : {}),
  });
}
