import type { Logger } from '@mmskills/core';
import { collectGarbage } from './collect-garbage.js';

/** Seconds a skill keeps its models without a call when neither `--idle-unload` nor the env says. */
export const DEFAULT_IDLE_UNLOAD_S = 300;

/**
 * `--idle-unload` / `MMSKILLS_IDLE_UNLOAD` as milliseconds: seconds (fractions allowed), 0 = never.
 * @throws TypeError naming the setting when it is not a number of seconds.
 */
export function idleUnloadMs(value: string | undefined, setting: string): number {
  if (value === undefined || value.trim() === '') return DEFAULT_IDLE_UNLOAD_S * 1000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new TypeError(`${setting} must be a number of seconds (0 keeps the models loaded), not "${value}"`);
  }
  return Math.round(seconds * 1000);
}

/** What {@link IdleUnloader} needs: the skill's unload, how long to wait, and where to say it. */
export interface IdleUnloadOptions {
  /** 0 (or no `unload`) never unloads. */
  idleMs: number;
  unload: (() => Promise<void>) | undefined;
  log: Logger;
}

/**
 * Unloads a skill's models once no call has run or waited for `idleMs`, then collects the
 * garbage so the memory goes back to the system. A call that arrives during an unload waits for
 * it; the tool's own load then runs again inside that call. An unload never overlaps a call.
 */
export class IdleUnloader {
  #inFlight = 0;
  #timer: NodeJS.Timeout | undefined;
  #unloading: Promise<void> | undefined;
  #closed = false;
  /** Unloads finished since start, for `/health`. */
  unloads = 0;

  constructor(private readonly options: IdleUnloadOptions) {}

  /** Whether this skill unloads at all. */
  get enabled(): boolean {
    return this.options.idleMs > 0 && this.options.unload !== undefined;
  }

  /** For `/health`: after how many idle seconds the models go (null: never), and how often they went. */
  status(): { afterS: number | null; unloads: number } {
    return { afterS: this.enabled ? this.options.idleMs / 1000 : null, unloads: this.unloads };
  }

  /** Runs one call (queued or running, it counts as use); the idle clock starts again after it. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    this.#inFlight += 1;
    clearTimeout(this.#timer);
    try {
      await this.#unloading;
      return await call();
    } finally {
      this.#inFlight -= 1;
      this.arm();
    }
  }

  /** Starts the idle clock unless a call is in flight (after `--preload`, the load counts as use). */
  arm(): void {
    if (!this.enabled || this.#closed || this.#inFlight > 0) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#unload(), this.options.idleMs);
    // An idle skill whose client has gone must still exit.
    this.#timer.unref();
  }

  /** Stops the clock for good (shutdown); an unload in progress finishes. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  #unload(): void {
    const unload = this.options.unload;
    if (this.#inFlight > 0 || this.#unloading !== undefined || unload === undefined) return;
    const started = performance.now();
    const { log } = this.options;
    this.#unloading = (async () => {
      try {
        await unload();
        collectGarbage();
        this.unloads += 1;
        log.info('models unloaded', {
          idleS: this.options.idleMs / 1000,
          ms: Math.round(performance.now() - started),
        });
      } catch (error) {
        // The skill has forgotten what it could; the next call loads again either way.
        log.warn('unloading the models failed', { error: (error as Error).message });
      } finally {
        this.#unloading = undefined;
      }
    })();
  }
}
