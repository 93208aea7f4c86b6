import { describe, expect, it } from 'vitest';
import { encodeF16, fromF16Bits, toF16Bits } from './f16.js';

describe('f16', () => {
  it('encodes exact values to their known bit patterns', () => {
    expect(toF16Bits(0)).toBe(0x0000);
    expect(toF16Bits(-0)).toBe(0x8000);
    expect(toF16Bits(1)).toBe(0x3c00);
    expect(toF16Bits(-2)).toBe(0xc000);
    expect(toF16Bits(65504)).toBe(0x7bff);
    expect(toF16Bits(2 ** -24)).toBe(0x0001);
    expect(toF16Bits(2 ** -14)).toBe(0x0400);
  });

  it('rounds to nearest, ties to even, and saturates to infinity', () => {
    expect(toF16Bits(1 + 2 ** -11)).toBe(0x3c00);
    expect(toF16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(toF16Bits(65520)).toBe(0x7c00);
    expect(toF16Bits(1e6)).toBe(0x7c00);
    expect(toF16Bits(2 ** -26)).toBe(0x0000);
    expect(toF16Bits(Number.NaN) & 0x7c00).toBe(0x7c00);
  });

  it('decodes normals, subnormals and infinities', () => {
    expect(fromF16Bits(0x3c00)).toBe(1);
    expect(fromF16Bits(0xc000)).toBe(-2);
    expect(fromF16Bits(0x0001)).toBe(2 ** -24);
    expect(fromF16Bits(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(fromF16Bits(0x7e00)).toBeNaN();
  });

  it('round-trips values within half-precision error', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10 ** ((i % 7) - 4));
    const bits = new Uint16Array(values.length);
    encodeF16(values, bits);
    for (const [i, v] of values.entries()) {
      const back = fromF16Bits(bits[i] as number);
      // 11 significant bits: relative error ≤ 2^-11 for normals, absolute ≤ 2^-25 for subnormals.
      expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.max(Math.abs(v) * 2 ** -11, 2 ** -25));
    }
  });
});
