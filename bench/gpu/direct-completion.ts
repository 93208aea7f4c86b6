import type { ChatRequest } from '../../host/src/lmm/backend.js';
import type { LlamaBackend } from '../../host/src/lmm/llama.js';
import type { CallRecord } from './stage.js';

// The one llama.node option the host's backend does not pass, on the context the backend loaded.
interface DirectContext {
  completion(
    options: Record<string, unknown>,
    onToken?: (token: unknown) => void,
  ): Promise<{ tokens_evaluated: number; timings: Record<string, number> }>;
}

/**
 * A text request straight to the backend's llama.node context with `ignore_eos`: random weights may
 * pick the end token early, and a decode rate needs a full-length answer. Only called between the
 * backend's own requests (the benchmark awaits each), so it never meets the backend's queue.
 */
export async function directCompletion(
  backend: LlamaBackend,
  request: ChatRequest & { ignoreEos?: boolean },
): Promise<CallRecord> {
  // The backend keeps its context private; a benchmark may look inside.
  const context = (backend as unknown as { context: DirectContext }).context;
  const started = performance.now();
  let firstTokenMs = 0;
  const result = await context.completion(
    {
      messages: request.messages.map((message) => ({
        role: message.role,
        content: typeof message.content === 'string' ? message.content : '',
      })),
      jinja: true,
      n_predict: request.maxTokens ?? 1024,
      temperature: request.temperature ?? 0.2,
      ...(request.ignoreEos && { ignore_eos: true }),
    },
    () => {
      if (!firstTokenMs) firstTokenMs = performance.now() - started;
    },
  );
  const { timings } = result;
  // As the backend counts them: every prompt token, of which those not in prompt_n came from the cache.
  const promptTokens = result.tokens_evaluated - (timings.predicted_n ?? 0);
  return {
    promptTokens,
    cachedTokens: Math.max(0, promptTokens - (timings.prompt_n ?? 0)),
    completionTokens: timings.predicted_n ?? 0,
    firstTokenMs: Math.round(firstTokenMs),
    totalMs: Math.round(performance.now() - started),
    promptTokensPerSecond: Math.round(timings.prompt_per_second ?? 0),
    decodeTokensPerSecond: Math.round((timings.predicted_per_second ?? 0) * 10) / 10,
  };
}
