import type { Worker } from 'node:worker_threads';
import { MmskillsError, type MmskillsErrorCode } from '@mmskills/core/runtime';
import { startWorker } from '@mmskills/models/worker-thread';
import type { OcrModelFiles } from '../pipeline/model-files.js';
import type { CrossedError, FromModelThread, ModelParts, ModelRequest, RewriteCaches } from './messages.js';

interface Waiting {
  resolve(result: unknown): void;
  reject(error: Error): void;
  signal?: AbortSignal;
}

function uncrossed(error: CrossedError, signal?: AbortSignal): Error {
  if (error.aborted && signal?.aborted)
    return signal.reason instanceof Error ? signal.reason : new Error(error.message);
  if (error.code !== undefined) return new MmskillsError(error.code as MmskillsErrorCode, error.message);
  return new Error(error.message);
}

const PARTS = ['detModel', 'recModel', 'clsModel', 'dict'] as const;
const sameFiles = (a: OcrModelFiles, b: OcrModelFiles) => PARTS.every((part) => a[part] === b[part]);

/**
 * One worker thread holding the OCR sessions (`ocr-worker.ts`), seen from the skill's thread:
 * requests out, answers back by id. It may start before the skill knows its model files (the bin
 * starts it first, so that its imports run beside the skill's own), and it keeps the process alive
 * only while something waits on it: an idle one never holds up a process that is done (a one-shot
 * `mmskills call` ends when its answer is printed). When it dies every waiting request fails,
 * with the reason, and {@link exited} tells its owner to start a fresh one for the next call.
 */
export class ModelThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #next = 0;
  #files: OcrModelFiles | undefined;
  #load: Promise<void> | undefined;
  #loaded?: { resolve(): void; reject(error: Error): void };
  #unloaded?: () => void;
  #exited = false;
  #busy = 0;
  readonly #parts: ModelParts;
  /** Whether the networks are open there (after a load or an answered request). */
  loaded = false;
  rewriteCaches: RewriteCaches = {};

  /** `parts`: what {@link load} opens there; a recognition lane holds the recogniser alone. */
  constructor(parts: ModelParts = 'all') {
    this.#parts = parts;
    this.#worker = startWorker(new URL('./ocr-worker.js', import.meta.url));
    this.#worker.on('message', (message: FromModelThread) => this.#receive(message));
    this.#worker.on('error', (error) => this.#stopped(error.message));
    this.#worker.on('exit', (code) => this.#stopped(`exit code ${code}`));
    // After the listeners: attaching a 'message' listener refs the thread again.
    this.#worker.unref();
  }

  /** Whether the thread has ended (died, or closed): a new one must serve the next call. */
  get exited(): boolean {
    return this.#exited;
  }

  /** Whether the thread was named these files (or none yet). */
  serves(files: OcrModelFiles): boolean {
    return this.#files === undefined || sameFiles(this.#files, files);
  }

  /** Names the model files, once per thread (the bin may name them before the skill does). */
  open(files: OcrModelFiles): this {
    if (this.#files === undefined) {
      this.#files = files;
      this.#worker.postMessage({ type: 'open', files, parts: this.#parts });
    } else if (!sameFiles(this.#files, files)) {
      throw new Error('an OCR model thread serves one set of model files');
    }
    return this;
  }

  /**
   * Opens the networks, once; a failed load is forgotten, so the next call tries again. The process
   * waits for it: one that ended while onnxruntime was opening a session in the thread would abort.
   */
  load(): Promise<void> {
    if (this.#exited) return Promise.reject(this.#stoppedError('it had stopped'));
    this.#load ??= this.#held(
      new Promise<void>((resolve, reject) => {
        this.#loaded = { resolve, reject };
        this.#worker.postMessage({ type: 'load' });
      }),
    ).catch((error: Error) => {
      this.#load = undefined;
      throw error;
    });
    return this.#load;
  }

  /** Runs one network's part of a page there; `signal` cancels it between runs. */
  request<T>(request: ModelRequest, signal?: AbortSignal): Promise<T> {
    if (this.#exited) return Promise.reject(this.#stoppedError('it had stopped'));
    signal?.throwIfAborted();
    const id = this.#next++;
    const cancel = () => this.#worker.postMessage({ type: 'cancel', id });
    signal?.addEventListener('abort', cancel, { once: true });
    const answered = new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, {
        resolve: resolve as (result: unknown) => void,
        reject,
        ...(signal && { signal }),
      });
      // The detector's input is made for this request only: moved, not copied.
      const transfer = request.op === 'detect' ? [request.input.data.buffer as ArrayBuffer] : [];
      this.#worker.postMessage({ type: 'request', id, ...request }, transfer);
    });
    return this.#held(answered).finally(() => signal?.removeEventListener('abort', cancel));
  }

  /** Closes the sessions there, then ends the thread (its heap goes with it). */
  async close(): Promise<void> {
    if (!this.#exited) {
      await this.#held(
        new Promise<void>((resolve) => {
          this.#unloaded = resolve;
          this.#worker.postMessage({ type: 'unload' });
        }),
      );
    }
    await this.#worker.terminate();
  }

  /** Keeps the process alive while `waiting` is pending: the thread is referenced only then. */
  async #held<T>(waiting: Promise<T>): Promise<T> {
    if (this.#busy++ === 0) this.#worker.ref();
    try {
      return await waiting;
    } finally {
      if (--this.#busy === 0) this.#worker.unref();
    }
  }

  #receive(message: FromModelThread): void {
    if (message.type === 'loaded') {
      this.loaded = true;
      this.rewriteCaches = message.rewriteCaches;
      this.#loaded?.resolve();
    } else if (message.type === 'load-failed') {
      this.#loaded?.reject(uncrossed(message.error));
    } else if (message.type === 'unloaded') {
      this.loaded = false;
      this.#unloaded?.();
    } else {
      const waiting = this.#waiting.get(message.id);
      if (waiting === undefined) return;
      this.#waiting.delete(message.id);
      if (message.type === 'done') {
        this.loaded = true;
        this.rewriteCaches = message.rewriteCaches;
        waiting.resolve(message.result);
      } else {
        waiting.reject(uncrossed(message.error, waiting.signal));
      }
    }
  }

  #stoppedError(reason: string): MmskillsError {
    return new MmskillsError(
      'model_failed',
      `the OCR model thread stopped (${reason}); the next call starts it again`,
    );
  }

  #stopped(reason: string): void {
    if (this.#exited) return;
    this.#exited = true;
    this.loaded = false;
    const error = this.#stoppedError(reason);
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
    this.#loaded?.reject(error);
    this.#unloaded?.();
  }
}
