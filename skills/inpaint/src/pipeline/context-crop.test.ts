import { describe, expect, it } from 'vitest';
import { contextRegion } from './context-crop.js';

describe('contextRegion', () => {
  it.each([
    [
      'centres a square of the model’s size on a small hole',
      [1000, 1000, 1100, 1050],
      [794, 769, 1306, 1281],
    ],
    ['slides the square inside the picture at its edges', [0, 1900, 40, 2000], [0, 1488, 512, 2000]],
    // 800 × 400 with 400 on each side: 1600 wide, so 1600 tall too, slid down from the top edge.
    [
      'takes half a large hole’s longer side as context, square',
      [1000, 500, 1800, 900],
      [600, 0, 2200, 1600],
    ],
  ] as const)('%s', (_title, [x1, y1, x2, y2], expected) => {
    const region = contextRegion({ x1, y1, x2, y2 }, 3000, 2000, { modelSize: 512 });
    expect([region.x1, region.y1, region.x2, region.y2]).toEqual(expected);
  });

  it('is the whole picture when the picture is smaller than the model', () => {
    const region = contextRegion({ x1: 10, y1: 10, x2: 20, y2: 20 }, 200, 150, { modelSize: 512 });
    expect(region).toEqual({ x1: 0, y1: 0, x2: 200, y2: 150 });
  });
});
