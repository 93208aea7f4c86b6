import { createLogger, MmskillsError, Semaphore } from '@mmskills/core';
import type { BackendInfo, ChatRequest, ChatResult, LmmBackend } from './backend.js';
import { grammarFriendlySchema } from './grammar-schema.js';
import { hasImages, toLlamaMessages } from './llama-messages.js';
import {
  type LlamaChatMessage,
  type LlamaCompletionOptions,
  type LlamaCompletionResult,
  type LlamaContext,
  type LlamaNode,
  loadLlamaNode,
} from './llama-node.js';

export interface LlamaOptions {
  model: string;
  mmproj?: string;
  /** `auto` uses the Vulkan build when it finds a GPU, `vulkan` insists (warning loudly when there is none). */
  gpu: 'auto' | 'vulkan' | 'cpu';
  ctx: number;
  threads: number;
}

/**
 * In-process GGUF inference through llama.cpp (`@fugood/llama.node`): a vision model when an
 * mmproj is given, constrained JSON output, and the KV cache of the shared prompt prefix (system
 * prompt and tool descriptions) kept between turns and conversations, so it is evaluated once.
 * Generation runs on llama.cpp's own threads, so the event loop stays free.
 * @see ../../README.md#lmm-backends
 */
export async function createLlamaBackend(options: LlamaOptions): Promise<LlamaBackend> {
  const llama = await loadLlamaNode();
  const log = createLogger('mmskills-host');
  const variant = await chooseVariant(llama, options.gpu);
  if (options.gpu === 'vulkan' && variant.gpus.length === 0) {
    log.warn('a GPU was requested (gpu=vulkan) but Vulkan reports none; running on the CPU', {
      model: options.model,
    });
  }
  const open = () => openContext(llama, options, variant.name, variant.gpus.length > 0);
  const { context, vision } = await open();
  const used = context.getUsedDevices();
  const device = used.length > 0 ? used.join(', ') : 'CPU';
  log.info('model loaded', {
    model: options.model,
    mmproj: options.mmproj ?? null,
    device,
    threads: options.threads,
  });
  const info: BackendInfo = { backend: 'llama', model: options.model, device, vision, constrained: true };
  return new LlamaBackend(context, info, async () => (await open()).context);
}

async function openContext(
  llama: LlamaNode,
  options: LlamaOptions,
  variant: 'default' | 'vulkan',
  gpu: boolean,
): Promise<{ context: LlamaContext; vision: boolean }> {
  let context: LlamaContext;
  try {
    context = await llama.loadModel({
      model: options.model,
      n_ctx: options.ctx,
      n_threads: options.threads,
      n_gpu_layers: gpu ? 999 : 0,
      lib_variant: variant,
    });
  } catch (error) {
    throw new MmskillsError('model_failed', `cannot load ${options.model}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const vision = options.mmproj ? context.initMultimodal({ path: options.mmproj, use_gpu: gpu }) : false;
  if (options.mmproj && !vision) {
    await context.release();
    throw new MmskillsError('model_failed', `cannot load the vision projector ${options.mmproj}`);
  }
  return { context, vision };
}

async function chooseVariant(llama: LlamaNode, gpu: LlamaOptions['gpu']) {
  if (gpu === 'cpu') return { name: 'default' as const, gpus: [] };
  try {
    const devices = await llama.getBackendDevicesInfo('vulkan');
    const gpus = devices.filter((device) => device.type.toLowerCase() === 'gpu');
    return { name: gpus.length > 0 ? ('vulkan' as const) : ('default' as const), gpus };
  } catch {
    return { name: 'default' as const, gpus: [] };
  }
}

/**
 * The backend on llama.node's plain `completion()`, the one path that reuses the KV cache of the
 * previous prompt (its parallel slot API re-evaluates every prompt in 1.7.15). That call has
 * three traps, each handled here:
 * - a second call while one runs throws "Another completion is in progress": requests wait in
 *   `queue`, one at a time per context, as one llama.cpp context evaluates one sequence anyway;
 * - `stopCompletion()` stops whatever runs: a request listens for its abort only while it holds
 *   the queue, so a late abort cannot stop the next request;
 * - a call that fails inside llama.cpp leaves the busy flag set for good: the context is then
 *   released and a new one opened before the next request (the prefix cache starts cold).
 */
export class LlamaBackend implements LmmBackend {
  private readonly queue = new Semaphore(1);
  private readonly log = createLogger('mmskills-host');
  private ready: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private context: LlamaContext,
    private readonly description: BackendInfo,
    private readonly reopen: () => Promise<LlamaContext>,
  ) {}

  info(): BackendInfo {
    return this.description;
  }

  chat(request: ChatRequest): Promise<ChatResult> {
    return this.queue.run(async () => {
      await this.ready;
      if (this.closed) throw new MmskillsError('model_failed', `${this.description.model} is closed`);
      request.signal?.throwIfAborted();
      if (!this.description.vision && hasImages(request.messages)) {
        throw new MmskillsError(
          'invalid_argument',
          `${this.description.model} has no vision projector: start the host with llama:<model>,mmproj=<file> to send pictures`,
        );
      }
      const messages = await toLlamaMessages(request.messages);
      const started = performance.now();
      let firstTokenMs = 0;
      const stop = () => this.context.stopCompletion();
      request.signal?.addEventListener('abort', stop, { once: true });
      let result: LlamaCompletionResult;
      try {
        result = await this.context.completion(completionOptions(request, messages), (token) => {
          if (!firstTokenMs) firstTokenMs = performance.now() - started;
          request.onToken?.(token.token);
        });
      } catch (error) {
        this.ready = this.replaceContext(error);
        await this.ready;
        throw new MmskillsError('model_failed', `llama.cpp failed: ${(error as Error).message}`, {
          cause: error,
        });
      } finally {
        request.signal?.removeEventListener('abort', stop);
      }
      request.signal?.throwIfAborted();
      return chatResult(request, result, firstTokenMs, performance.now() - started);
    }, request.signal);
  }

  /** Stops the running request, fails the waiting ones, and frees the model. */
  async close(): Promise<void> {
    this.closed = true;
    // Never stop a context that is being replaced: its busy flag points at a finished call.
    await this.ready.catch(() => undefined);
    this.context.stopCompletion();
    await this.queue.run(() => this.context.release());
  }

  private async replaceContext(cause: unknown): Promise<void> {
    this.log.warn('llama.cpp failed a request; opening a fresh context', { error: String(cause) });
    await this.context.release();
    this.context = await this.reopen();
  }
}

function completionOptions(request: ChatRequest, messages: LlamaChatMessage[]): LlamaCompletionOptions {
  return {
    messages,
    jinja: true,
    n_predict: request.maxTokens ?? 1024,
    temperature: request.temperature ?? 0.2,
    ...(request.jsonSchema && {
      response_format: {
        type: 'json_schema' as const,
        json_schema: { strict: true, schema: grammarFriendlySchema(request.jsonSchema) as object },
      },
    }),
  };
}

function chatResult(
  request: ChatRequest,
  result: LlamaCompletionResult,
  firstTokenMs: number,
  totalMs: number,
): ChatResult {
  const { timings } = result;
  const promptTokens = result.tokens_evaluated - result.tokens_predicted;
  return {
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
