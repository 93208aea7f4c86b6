import { describe, expect, it } from 'vitest';
import { SlidingWindow } from './sliding-window.js';

describe('SlidingWindow', () => {
  it('allows `limit` events in any span and says when the next slot frees', () => {
    const window = new SlidingWindow(3, 60_000);
    expect([0, 10_000, 20_000].map((t) => window.spend(t))).toEqual([undefined, undefined, undefined]);
    expect(window.spend(30_000)).toBe(30_000);
    // The first event leaves the window at 60 s; the refused one at 30 s took no slot.
    expect(window.spend(59_999)).toBe(1);
    expect(window.spend(60_000)).toBeUndefined();
    expect(window.spend(65_000)).toBe(5_000);
    expect([70_000, 80_000].map((t) => window.spend(t))).toEqual([undefined, undefined]);
    expect(window.spend(80_001)).toBe(39_999);
  });

  it('keeps sliding across many turns of its ring', () => {
    const window = new SlidingWindow(2, 1_000);
    let allowed = 0;
    for (let t = 0; t < 10_000; t += 100) if (window.spend(t) === undefined) allowed += 1;
    // Two a second for 10 seconds.
    expect(allowed).toBe(20);
  });
});
