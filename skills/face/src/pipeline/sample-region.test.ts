import { describe, expect, it } from 'vitest';
import { sampleRegion, squareAround } from './sample-region.js';

/** A 4×2 image whose red channel is 10·x + 100·y, green 7, blue 0. */
function gradient() {
  const data = Buffer.alloc(4 * 2 * 3);
  for (let y = 0; y < 2; y++) {
    for (let x = 0; x < 4; x++) data.set([10 * x + 100 * y, 7, 0], (y * 4 + x) * 3);
  }
  return { data, width: 4, height: 2 };
}

describe('sampleRegion', () => {
  it('copies pixels exactly at 1:1', () => {
    const out = sampleRegion(gradient(), { left: 1, top: 0, width: 2, height: 2 }, 2, 2);
    expect(Array.from(out)).toEqual([10, 7, 0, 20, 7, 0, 110, 7, 0, 120, 7, 0]);
  });

  it('averages when shrinking and reads black outside the image', () => {
    const whole = sampleRegion(gradient(), { left: 0, top: 0, width: 4, height: 2 }, 1, 1);
    expect(whole[0]).toBeCloseTo(65, 5);
    expect(whole[1]).toBeCloseTo(7, 5);
    const outside = sampleRegion(gradient(), { left: 10, top: 10, width: 2, height: 2 }, 2, 2);
    expect(Array.from(outside)).toEqual(new Array(12).fill(0));
  });
});

describe('squareAround', () => {
  it('centres a square on the longer side, scaled', () => {
    expect(squareAround([10, 20, 30, 60], 1.5)).toEqual({ left: -10, top: 10, width: 60, height: 60 });
  });
});
