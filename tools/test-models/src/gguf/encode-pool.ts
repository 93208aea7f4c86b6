import type { Worker } from 'node:worker_threads';
import { startWorker } from '@mmskills/models/worker-thread';
import type { FillSpec } from './fill.js';
import type { TensorType } from './tensor-type.js';

/** One chunk for a worker to fill and encode. */
export interface EncodeJob {
  id: number;
  type: TensorType;
  spec: FillSpec;
  start: number;
  count: number;
}

/** Worker threads that fill and encode tensor chunks, so big models are made on every core. */
export class EncodePool {
  readonly #workers: Worker[];
  readonly #waiting = new Map<
    number,
    { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }
  >();
  #next = 0;

  constructor(threads: number) {
    this.#workers = Array.from({ length: threads }, () => {
      // From source (vitest, tsx) the .ts beside it runs through tsx; built, the .js.
      const worker = startWorker(new URL('./encode-worker.js', import.meta.url));
      worker.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
        this.#waiting.get(id)?.resolve(bytes);
        this.#waiting.delete(id);
      });
      worker.on('error', (error) => this.#failAll(error));
      return worker;
    });
  }

  get size(): number {
    return this.#workers.length;
  }

  /** The encoded bytes of elements `start … start + count - 1` of a tensor filled by `spec`. */
  encode(type: TensorType, spec: FillSpec, start: number, count: number): Promise<Uint8Array> {
    const id = this.#next++;
    const worker = this.#workers[id % this.#workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, type, spec, start, count } satisfies EncodeJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
    this.#failAll(new Error('encode pool closed'));
  }

  #failAll(error: Error): void {
    for (const { reject } of this.#waiting.values()) reject(error);
    this.#waiting.clear();
  }
}
