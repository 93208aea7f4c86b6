import { describe, expect, it } from 'vitest';
import { cropResized, cropRgb, imagePlanes, maskPlane, planesToRgb, resizeRgb } from './model-input.js';

describe('cropResized', () => {
  it('gives the pixels of cropRgb then resizeRgb, enlarging, shrinking or at the same size', async () => {
    const width = 40;
    const height = 30;
    const data = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37 + (i >> 5) * 11) % 256);
    const picture = { data, width, height };
    const region = { x1: 5, y1: 3, x2: 29, y2: 27 };
    for (const side of [12, 24, 50]) {
      const expected = await resizeRgb(cropRgb(picture, region), side, side);
      const got = await cropResized(picture, region, side, side);
      expect([got.width, got.height]).toEqual([side, side]);
      expect([...got.data]).toEqual([...expected.data]);
    }
  });
});

describe('maskPlane', () => {
  it('marks a cell when any pixel it covers is set, shrinking or enlarging', () => {
    const mask = { data: new Uint8Array(16), width: 4, height: 4 };
    mask.data[5] = 1; // (1, 1)
    expect([...maskPlane(mask, 2)]).toEqual([1, 0, 0, 0]);
    expect([...maskPlane(mask, 8)].flatMap((v, i) => (v ? [i] : []))).toEqual([18, 19, 26, 27]);
  });
});

describe('imagePlanes and planesToRgb', () => {
  it('turn RGB bytes into 0..1 planes and 0..255 planes back into clamped bytes', () => {
    const rgb = { data: Uint8Array.from([255, 0, 51, 0, 255, 102]), width: 2, height: 1 };
    expect([...imagePlanes(rgb)].map((v) => Math.round(v * 100) / 100)).toEqual([1, 0, 0, 1, 0.2, 0.4]);
    expect([...planesToRgb(Float32Array.from([255.4, -3, 0.6, 300, 51, 102]), 2, 1).data]).toEqual([
      255, 1, 51, 0, 255, 102,
    ]);
  });
});
