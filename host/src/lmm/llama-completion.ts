import type { ChatRequest, ChatResult } from './backend.js';
import { grammarFriendlySchema } from './grammar-schema.js';
import type { LlamaChatMessage, LlamaCompletionOptions, LlamaCompletionResult } from './llama-node.js';

/** A chat request as llama.node's `completion()` takes it. */
export function completionOptions(
  request: ChatRequest,
  messages: LlamaChatMessage[],
  seed: number,
): LlamaCompletionOptions {
  return {
    messages,
    jinja: true,
    n_predict: request.maxTokens ?? 1024,
    temperature: request.temperature ?? 0.2,
    seed,
    ...(request.jsonSchema && {
      response_format: {
        type: 'json_schema' as const,
        json_schema: { strict: true, schema: grammarFriendlySchema(request.jsonSchema) as object },
      },
    }),
  };
}

/** llama.node's result as a chat result: the text, the stop reason, usage and timings. */
export function chatResult(
  request: ChatRequest,
  result: LlamaCompletionResult,
  firstTokenMs: number,
  totalMs: number,
): ChatResult {
  const { timings } = result;
  const promptTokens = result.tokens_evaluated - result.tokens_predicted;
  return {
    // Only an end-of-sequence token or a stop word ends a reply: llama.node 1.7.15 leaves
    // `stopped_limited` unset when the token limit falls inside a multi-byte character.
    finishReason: result.stopped_eos || result.stopped_words ? 'stop' : 'length',
    // With a schema, `content` is the bare JSON; `text` may wrap it in a code fence.
    text: request.jsonSchema ? (result.content ?? result.text) : result.text,
    usage: {
      promptTokens,
      completionTokens: result.tokens_predicted,
      cachedTokens: Math.max(0, promptTokens - timings.prompt_n),
    },
    timings: {
      firstTokenMs,
      totalMs,
      promptTokensPerSecond: timings.prompt_per_second,
      decodeTokensPerSecond: timings.predicted_per_second,
    },
  };
}
