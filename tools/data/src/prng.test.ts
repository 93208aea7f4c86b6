import { describe, expect, it } from 'vitest';
import { seededRandom } from './prng.js';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: string | number) => Array.from({ length: 8 }, seededRandom(seed).next);
    expect(draw('abc')).toEqual(draw('abc'));
    expect(draw(7)).toEqual(draw('7'));
    expect(draw('abc')).not.toEqual(draw('abd'));
    for (const value of draw(1)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('shuffles into a permutation without touching the input', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = seededRandom(3).shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(items[0]).toBe(0);
  });

  it('refuses to pick from nothing', () => {
    expect(() => seededRandom(1).pick([])).toThrow(/empty/);
  });
});
