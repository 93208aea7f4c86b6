import { describe, expect, it } from 'vitest';
import { blendRegion, cropMask, fillWeights } from './blend.js';
import type { BinaryMask } from './morphology.js';

const line = (cells: string): BinaryMask => ({
  data: Uint8Array.from(cells.split(''), (cell) => (cell === '#' ? 1 : 0)),
  width: cells.length,
  height: 1,
});

describe('fillWeights', () => {
  it('gives the hole all of the fill and ramps it across the grown band', () => {
    const hole = line('....##....');
    const grown = line('.########.');
    const cells = [...Array(10).keys()];
    expect(cells.map(fillWeights(hole, grown, 3))).toEqual([0, 0.25, 0.5, 0.75, 1, 1, 0.75, 0.5, 0.25, 0]);
    expect(cells.map(fillWeights(hole, grown, 0))).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('ramps the same across a band wider than the feather (distances past it are capped)', () => {
    const hole = line('..........##..........');
    const grown = line('.####################.');
    const weights = [...Array(22).keys()].map(fillWeights(hole, grown, 2));
    expect(weights).toEqual([0, 1 / 3, 2 / 3, ...Array<number>(16).fill(1), 2 / 3, 1 / 3, 0]);
  });
});

describe('blendRegion', () => {
  it('mixes the fill in by weight and leaves weight-0 pixels untouched', () => {
    const picture = { data: Uint8Array.from([10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30]), width: 4 };
    const fill = Uint8Array.from([200, 200, 200, 110, 120, 130, 0, 0, 0]);
    blendRegion(picture, { x1: 1, y1: 0, x2: 4, y2: 1 }, fill, (index) => [0, 0.5, 1][index] ?? 0);
    expect([...picture.data]).toEqual([10, 20, 30, 10, 20, 30, 60, 70, 80, 0, 0, 0]);
  });
});

describe('cropMask', () => {
  it('hands back the mask itself for a region that is all of it', () => {
    const mask = { data: Uint8Array.from([0, 1, 0, 1, 1, 0]), width: 3, height: 2 };
    expect(cropMask(mask, { x1: 0, y1: 0, x2: 3, y2: 2 })).toBe(mask);
  });

  it('cuts out a region', () => {
    const mask = { data: Uint8Array.from([0, 1, 0, 1, 1, 0]), width: 3, height: 2 };
    expect(cropMask(mask, { x1: 1, y1: 0, x2: 3, y2: 2 })).toEqual({
      data: Uint8Array.from([1, 0, 1, 0]),
      width: 2,
      height: 2,
    });
  });
});
