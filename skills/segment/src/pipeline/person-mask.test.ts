import { describe, expect, it } from 'vitest';
import { personMask } from './person-mask.js';

// 4×2 image; the matte is sure of two pixels, unsure of one.
const image = {
  data: Buffer.from(Array.from({ length: 4 * 2 * 3 }, (_, i) => i * 10)),
  width: 4,
  height: 2,
  format: 'png',
};
const matte = { alpha: Float32Array.from([0, 0.8, 0.4, 0, 0, 1, 0.6, 0]), width: 4, height: 2 };

describe('personMask', () => {
  it('thresholds the matte into a mask, its coverage and its bounding box', () => {
    const result = personMask(matte, image, 0.5);
    expect([...result.mask]).toEqual([0, 255, 0, 0, 0, 255, 255, 0]);
    expect(result.coverage).toBe(0.375);
    expect(result.box).toEqual([0.25, 0, 0.75, 1]);
  });

  it('keeps colours in the cut-out, soft alpha on person pixels and none elsewhere', () => {
    const { cutout } = personMask(matte, image, 0.5);
    expect([...cutout.subarray(4, 8)]).toEqual([30, 40, 50, 204]);
    expect([...cutout.subarray(8, 12)]).toEqual([60, 70, 80, 0]);
    expect(cutout[5 * 4 + 3]).toBe(255);
  });

  it('gives no box and no coverage when nothing reaches the threshold', () => {
    const result = personMask(matte, image, 1.01);
    expect(result.coverage).toBe(0);
    expect(result.box).toBeNull();
    expect(result.mask.every((value) => value === 0)).toBe(true);
  });
});
