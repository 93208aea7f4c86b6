import { describe, expect, it } from 'vitest';
import { fromF16Bits } from './f16.js';
import { decodeQ8_0, encodeQ8_0 } from './q8-0.js';

describe('Q8_0', () => {
  it('lays a block out as an f16 scale and 32 rounded int8 values', () => {
    const values = Float32Array.from({ length: 32 }, (_, i) => (i - 16) / 4);
    const bytes = new Uint8Array(34);
    encodeQ8_0(values, bytes);
    const scale = fromF16Bits(Buffer.from(bytes).readUInt16LE(0));
    expect(scale).toBeCloseTo(4 / 127, 5);
    const quants = new Int8Array(bytes.buffer, 2, 32);
    expect(quants[0]).toBe(-127);
    expect(quants[16]).toBe(0);
    expect(quants[17]).toBe(Math.round(0.25 / (4 / 127)));
  });

  it('decodes to within half a quantisation step of the input', () => {
    const values = Float32Array.from({ length: 32 * 64 }, (_, i) => Math.sin(i * 0.37) * (1 + (i % 5)));
    const bytes = new Uint8Array(34 * 64);
    encodeQ8_0(values, bytes);
    const back = new Float32Array(values.length);
    decodeQ8_0(bytes, back);
    for (let b = 0; b < 64; b++) {
      const block = values.subarray(b * 32, b * 32 + 32);
      const step = Math.max(...block.map(Math.abs)) / 127;
      for (let j = 0; j < 32; j++) {
        // Half a step from rounding, plus the f16 rounding of the scale (relative 2^-11, times up to 127).
        expect(Math.abs((back[b * 32 + j] as number) - (block[j] as number))).toBeLessThanOrEqual(
          step * (0.5 + 127 * 2 ** -11) + 1e-9,
        );
      }
    }
  });

  it('encodes an all-zero block as zeros and rejects partial blocks', () => {
    const bytes = new Uint8Array(34).fill(7);
    encodeQ8_0(new Float32Array(32), bytes);
    expect([...bytes]).toEqual(new Array(34).fill(0));
    expect(() => encodeQ8_0(new Float32Array(31), new Uint8Array(34))).toThrow(/multiple of 32/);
  });

  it('rounds halves away from zero like C roundf', () => {
    const values = new Float32Array(32);
    values[0] = 127;
    values[1] = 0.5;
    values[2] = -0.5;
    const bytes = new Uint8Array(34);
    encodeQ8_0(values, bytes);
    const quants = new Int8Array(bytes.buffer, 2, 32);
    expect([quants[0], quants[1], quants[2]]).toEqual([127, 1, -1]);
  });
});
