import { createLogger, MmskillsError, Semaphore } from '@mmskills/core';
import type { BackendInfo, ChatRequest, ChatResult, LmmBackend } from './backend.js';
import { type ControlTokenGuard, vocabularyGuard } from './control-tokens.js';
import { checkGgufFile } from './gguf-check.js';
import { chatResult, completionOptions } from './llama-completion.js';
import { hasImages, toLlamaMessages } from './llama-messages.js';
import {
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
  /** Seeds sampling, so the same prompt gets the same reply (llama.cpp's own default is random). */
  seed?: number;
}

const DEFAULT_SEED = 0;

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
  const { context, vision, metadata } = await open();
  const guard = vocabularyGuard(
    (metadata['tokenizer.ggml.tokens'] as string[] | undefined) ?? [],
    (metadata['tokenizer.ggml.token_type'] as number[] | undefined) ?? [],
  );
  const used = context.getUsedDevices();
  const device = used.length > 0 ? used.join(', ') : 'CPU';
  log.info('model loaded', {
    model: options.model,
    mmproj: options.mmproj ?? null,
    device,
    threads: options.threads,
  });
  const info: BackendInfo = { backend: 'llama', model: options.model, device, vision, constrained: true };
  return new LlamaBackend(context, info, {
    reopen: async () => (await open()).context,
    seed: options.seed ?? DEFAULT_SEED,
    guard,
  });
}

async function openContext(
  llama: LlamaNode,
  options: LlamaOptions,
  variant: 'default' | 'vulkan',
  gpu: boolean,
): Promise<{ context: LlamaContext; vision: boolean; metadata: Record<string, unknown> }> {
  const metadata = await checkGgufFile(options.model, 'model');
  if (options.mmproj) await checkGgufFile(options.mmproj, 'vision projector');
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
  return { context, vision, metadata };
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
 * four traps, each handled here:
 * - a second call while one runs throws "Another completion is in progress": requests wait in
 *   `queue`, one at a time per context, as one llama.cpp context evaluates one sequence anyway;
 * - `stopCompletion()` stops whatever runs, and aims at a freed worker once none does: it is
 *   called only while this backend's own call runs (`running`), for that request's abort or close;
 * - a call that fails inside llama.cpp leaves the busy flag set for good: the context is then
 *   released and a new one opened before the next request (the prefix cache starts cold);
 * - the busy flag is set after the call is queued to llama.cpp's thread, and cleared when that
 *   thread finishes it: a short call that finishes first leaves it set for good, so the next call
 *   throws at once though none runs (seen under CPU load). That call never started: the context
 *   is reopened and the request sent again, once.
 */
export class LlamaBackend implements LmmBackend {
  private readonly queue = new Semaphore(1);
  private readonly log = createLogger('mmskills-host');
  private closed = false;
  private running = false;

  constructor(
    private context: LlamaContext | undefined,
    private readonly description: BackendInfo,
    private readonly settings: {
      reopen: () => Promise<LlamaContext>;
      seed: number;
      guard: ControlTokenGuard;
    },
  ) {}

  info(): BackendInfo {
    return this.description;
  }

  chat(request: ChatRequest): Promise<ChatResult> {
    return this.queue.run(async () => {
      this.throwIfClosed();
      request.signal?.throwIfAborted();
      if (!this.description.vision && hasImages(request.messages)) {
        throw new MmskillsError(
          'invalid_argument',
          `${this.description.model} has no vision projector: start the host with llama:<model>,mmproj=<file> to send pictures`,
        );
      }
      const messages = await toLlamaMessages(request.messages, this.settings.guard);
      const options = completionOptions(request, messages, this.settings.seed);
      const started = performance.now();
      let firstTokenMs = 0;
      // llama.node may deliver the last tokens' callbacks after the call resolves: those are dropped,
      // and what the stream lacks of the returned text is sent once, so the stream adds up to the text.
      // Callbacks queued behind an abort are dropped too: on a loaded machine 59 arrived after
      // stopCompletion(), and a caller that aborted must not see more text.
      let streamed = '';
      let finished = false;
      const onToken = (token: { token: string }) => {
        if (finished || request.signal?.aborted) return;
        if (!firstTokenMs) firstTokenMs = performance.now() - started;
        streamed += token.token;
        request.onToken?.(token.token);
      };
      const stop = () => {
        if (this.running) this.context?.stopCompletion();
      };
      request.signal?.addEventListener('abort', stop, { once: true });
      try {
        const result = await this.complete(request, options, onToken);
        request.signal?.throwIfAborted();
        finished = true;
        const chat = chatResult(request, result, firstTokenMs, performance.now() - started);
        if (chat.text.length > streamed.length && chat.text.startsWith(streamed)) {
          request.onToken?.(chat.text.slice(streamed.length));
        }
        return chat;
      } finally {
        request.signal?.removeEventListener('abort', stop);
      }
    }, request.signal);
  }

  /** Stops the running request, fails the waiting ones, and frees the model. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.running) this.context?.stopCompletion();
    await this.queue.run(async () => {
      await this.context?.release();
      this.context = undefined;
    });
  }

  /** One llama.cpp call; the caller holds the queue. */
  private async complete(
    request: ChatRequest,
    options: LlamaCompletionOptions,
    onToken: (token: { token: string }) => void,
  ): Promise<LlamaCompletionResult> {
    for (let attempt = 0; ; attempt += 1) {
      // Checked right before the call: a close or an abort before it has nothing to stop yet.
      this.throwIfClosed();
      request.signal?.throwIfAborted();
      const context = await this.usableContext();
      let call: Promise<LlamaCompletionResult>;
      try {
        call = context.completion(options, onToken);
      } catch (error) {
        // Thrown before llama.cpp started anything: only the stale busy flag does that here.
        if (attempt > 0 || !BUSY.test((error as Error).message)) throw failed(error);
        await this.replaceContext(error);
        continue;
      }
      this.running = true;
      try {
        return await call;
      } catch (error) {
        await this.replaceContext(error);
        throw failed(error);
      } finally {
        this.running = false;
      }
    }
  }

  private throwIfClosed(): void {
    if (this.closed) throw new MmskillsError('model_failed', `${this.description.model} is closed`);
  }

  /** The open context, or a fresh one when the last reopen failed (the model file may be back). */
  private async usableContext(): Promise<LlamaContext> {
    if (this.context) return this.context;
    try {
      this.context = await this.settings.reopen();
    } catch (error) {
      throw new MmskillsError(
        'model_failed',
        `${this.description.model} could not be reopened after a llama.cpp failure; the next request tries again: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return this.context;
  }

  /**
   * Frees a context llama.cpp left unusable and opens a fresh one. A released context is never
   * kept: should the reopen fail, the next request tries again (`usableContext`) instead of
   * calling into freed memory.
   */
  private async replaceContext(cause: unknown): Promise<void> {
    this.log.warn('llama.cpp left its context unusable; opening a fresh one', { error: String(cause) });
    const broken = this.context;
    this.context = undefined;
    await broken?.release();
    try {
      this.context = await this.settings.reopen();
    } catch (error) {
      this.log.error('cannot reopen the model; the next request tries again', { error: String(error) });
    }
  }
}

const BUSY = /another completion is in progress/i;

function failed(error: unknown): MmskillsError {
  return new MmskillsError('model_failed', `llama.cpp failed: ${(error as Error).message}`, { cause: error });
}
