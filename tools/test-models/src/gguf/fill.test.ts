import { describe, expect, it } from 'vitest';
import { arrayFill, constantFill, randomFill, tensorSeed } from './fill.js';

function sample(fill: ReturnType<typeof randomFill>, length: number, start = 0): Float32Array {
  const out = new Float32Array(length);
  fill(out, start);
  return out;
}

describe('randomFill', () => {
  it('is deterministic and independent of chunking', () => {
    const whole = sample(randomFill(7), 1000);
    const again = sample(randomFill(7), 1000);
    const pieces = new Float32Array(1000);
    randomFill(7)(pieces.subarray(0, 333), 0);
    randomFill(7)(pieces.subarray(333), 333);
    expect(again).toEqual(whole);
    expect(pieces).toEqual(whole);
    expect(sample(randomFill(8), 1000)).not.toEqual(whole);
  });

  it('has mean 0 and the requested standard deviation, with bounded tails', () => {
    const values = sample(randomFill(1, 0.02), 200_000);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.0005);
    expect(std).toBeGreaterThan(0.0196);
    expect(std).toBeLessThan(0.0204);
    expect(values.reduce((a, b) => Math.max(a, Math.abs(b)), 0)).toBeLessThanOrEqual(0.02 * 3.46);
  });
});

describe('other fills', () => {
  it('fills constants and copies arrays from an offset', () => {
    expect([...sample(constantFill(1), 3)]).toEqual([1, 1, 1]);
    expect([...sample(arrayFill([1, 2, 3, 4]), 2, 2)]).toEqual([3, 4]);
    expect(() => sample(arrayFill([1]), 2)).toThrow(RangeError);
  });

  it('derives distinct per-tensor seeds', () => {
    expect(tensorSeed(1, 'a')).toBe(tensorSeed(1, 'a'));
    expect(tensorSeed(1, 'a')).not.toBe(tensorSeed(1, 'b'));
    expect(tensorSeed(1, 'a')).not.toBe(tensorSeed(2, 'a'));
  });
});
