import type { ChatRequest } from '../../host/src/lmm/backend.js';
import { grammarFriendlySchema } from '../../host/src/lmm/grammar-schema.js';
import type { LlamaBackend } from '../../host/src/lmm/llama.js';
import type { CallRecord } from './stage.js';

// llama.node's own calls that the host's backend does not use, on the context the backend loaded.
interface DirectContext {
  completion(
    options: Record<string, unknown>,
    onToken?: (token: unknown) => void,
  ): Promise<{ tokens_evaluated: number; timings: Record<string, number> }>;
  parallel: { enable(config: { n_parallel: number }): Promise<boolean>; disable(): void };
}

/**
 * The same request through llama.node's plain `completion()`, which keeps the previous prompt's
 * KV cache and evaluates only what differs; the host's slot API (`parallel.completion`) evaluates
 * the whole prompt every time in llama.node 1.7.15. Measures what prefix reuse would save.
 * Switches the context out of parallel mode; `restore` switches it back.
 */
export class CompletionProbe {
  #parallel = true;

  constructor(private readonly backend: LlamaBackend) {}

  private get context(): DirectContext {
    // The backend keeps its context private; a benchmark may look inside.
    return (this.backend as unknown as { context: DirectContext }).context;
  }

  async call(request: ChatRequest & { ignoreEos?: boolean }): Promise<CallRecord> {
    if (this.#parallel) {
      this.context.parallel.disable();
      this.#parallel = false;
    }
    const started = performance.now();
    let firstTokenMs = 0;
    const result = await this.context.completion(
      {
        messages: request.messages.map((message) => ({
          role: message.role,
          content: typeof message.content === 'string' ? message.content : '',
        })),
        jinja: true,
        n_predict: request.maxTokens ?? 1024,
        temperature: request.temperature ?? 0.2,
        ...(request.ignoreEos && { ignore_eos: true }),
        ...(request.jsonSchema && {
          response_format: {
            type: 'json_schema',
            json_schema: { strict: true, schema: grammarFriendlySchema(request.jsonSchema) },
          },
        }),
      },
      () => {
        if (!firstTokenMs) firstTokenMs = performance.now() - started;
      },
    );
    const { timings } = result;
    return {
      promptTokens: timings.prompt_n ?? 0,
      cachedTokens: Math.max(0, result.tokens_evaluated - (timings.prompt_n ?? 0)),
      completionTokens: timings.predicted_n ?? 0,
      firstTokenMs: Math.round(firstTokenMs),
      totalMs: Math.round(performance.now() - started),
      promptTokensPerSecond: Math.round(timings.prompt_per_second ?? 0),
      decodeTokensPerSecond: Math.round((timings.predicted_per_second ?? 0) * 10) / 10,
    };
  }

  /** Back to the slot API, for the backend's own calls. */
  async restore(): Promise<void> {
    if (this.#parallel) return;
    await this.context.parallel.enable({ n_parallel: 1 });
    this.#parallel = true;
  }
}
