import { describe, expect, it } from 'vitest';
import { Semaphore } from './concurrency.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('Semaphore', () => {
  it('never runs more than its limit at once, and runs everything', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        semaphore.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await tick();
          running -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('releases its slot when a task throws', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.run(async () => 'next')).resolves.toBe('next');
  });

  it('drops a waiter whose signal aborts, without running it', async () => {
    const semaphore = new Semaphore(1);
    let release: () => void = () => {};
    const holder = semaphore.run(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    let ran = false;
    const waiter = semaphore.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiter).rejects.toThrow('cancelled');
    release();
    await holder;
    expect(ran).toBe(false);
    await expect(semaphore.run(async () => 'free')).resolves.toBe('free');
  });

  it('rejects a limit below one', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
