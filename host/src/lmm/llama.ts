import { createLogger, MmskillsError, Semaphore } from '@mmskills/core';
import type { BackendInfo, ChatMessage, ChatRequest, ChatResult, LmmBackend } from './backend.js';
import { grammarFriendlySchema } from './grammar-schema.js';
import { type LlamaContext, type LlamaNode, loadLlamaNode } from './llama-node.js';

export interface LlamaOptions {
  model: string;
  mmproj?: string;
  /** `auto` uses the Vulkan build when it finds a GPU, `vulkan` insists (warning loudly when there is none). */
  gpu: 'auto' | 'vulkan' | 'cpu';
  ctx: number;
  threads: number;
}

type Context = LlamaContext;

/**
 * In-process GGUF inference through llama.cpp (`@fugood/llama.node`): a vision model when an
 * mmproj is given, constrained JSON output, and the KV cache of the shared prompt prefix kept
 * between calls. Generation runs on llama.cpp's own threads, so the event loop stays free.
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
  let context: Context;
  try {
    context = await llama.loadModel({
      model: options.model,
      n_ctx: options.ctx,
      n_threads: options.threads,
      n_gpu_layers: variant.gpus.length > 0 ? 999 : 0,
      lib_variant: variant.name,
    });
  } catch (error) {
    throw new MmskillsError('model_failed', `cannot load ${options.model}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const vision = options.mmproj
    ? context.initMultimodal({ path: options.mmproj, use_gpu: variant.gpus.length > 0 })
    : false;
  if (options.mmproj && !vision)
    throw new MmskillsError('model_failed', `cannot load the vision projector ${options.mmproj}`);
  await context.parallel.enable({ n_parallel: 1 });
  const used = context.getUsedDevices();
  const device = used.length > 0 ? used.join(', ') : 'CPU';
  log.info('model loaded', {
    model: options.model,
    mmproj: options.mmproj ?? null,
    device,
    threads: options.threads,
  });
  return new LlamaBackend(context, {
    backend: 'llama',
    model: options.model,
    device,
    vision,
    constrained: true,
  });
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

export class LlamaBackend implements LmmBackend {
  // One llama.cpp context evaluates one sequence at a time.
  private readonly queue = new Semaphore(1);

  constructor(
    private readonly context: Context,
    private readonly description: BackendInfo,
  ) {}

  info(): BackendInfo {
    return this.description;
  }

  chat(request: ChatRequest): Promise<ChatResult> {
    return this.queue.run(async () => {
      request.signal?.throwIfAborted();
      const started = performance.now();
      let firstTokenMs = 0;
      const options = {
        messages: request.messages.map(toLlamaMessage),
        jinja: true,
        n_predict: request.maxTokens ?? 1024,
        temperature: request.temperature ?? 0.2,
        ...(request.jsonSchema
          ? {
              response_format: {
                type: 'json_schema' as const,
                json_schema: { strict: true, schema: grammarFriendlySchema(request.jsonSchema) as object },
              },
            }
          : {}),
      };
      const { promise, stop } = await this.context.parallel.completion(options, (_id, token) => {
        if (!firstTokenMs) firstTokenMs = performance.now() - started;
        request.onToken?.(token.token);
      });
      request.signal?.addEventListener('abort', stop, { once: true });
      try {
        const result = await promise;
        request.signal?.throwIfAborted();
        const { timings } = result;
        return {
          // With a schema, `content` is the bare JSON; `text` may wrap it in a code fence.
          text: request.jsonSchema ? (result.content ?? result.text) : result.text,
          usage: {
            promptTokens: timings.prompt_n,
            completionTokens: timings.predicted_n,
            cachedTokens: timings.cache_n ?? 0,
          },
          timings: {
            firstTokenMs,
            totalMs: performance.now() - started,
            promptTokensPerSecond: timings.prompt_per_second,
            decodeTokensPerSecond: timings.predicted_per_second,
          },
        };
      } finally {
        request.signal?.removeEventListener('abort', stop);
      }
    }, request.signal);
  }

  async close(): Promise<void> {
    await this.context.release();
  }
}

function toLlamaMessage(message: ChatMessage) {
  if (typeof message.content === 'string') return { role: message.role, content: message.content };
  return {
    role: message.role,
    content: message.content.map((part) =>
      part.type === 'text'
        ? { type: 'text', text: part.text }
        : {
            type: 'image_url',
            image_url: { url: `data:${part.mimeType};base64,${part.data.toString('base64')}` },
          },
    ),
  };
}
