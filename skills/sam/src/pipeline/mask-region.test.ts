import { describe, expect, it } from 'vitest';
import { maskRegion } from './mask-region.js';

describe('maskRegion', () => {
  it('counts set pixels and boxes them with exclusive right and bottom edges', () => {
    // 4×3, set: (1,0), (2,1), (1,2)
    const plane = Uint8Array.from([0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0]);
    expect(maskRegion(plane, 4, 3)).toEqual({ area: 3, boxPixels: [1, 0, 3, 3] });
  });

  it('has no box for an empty mask', () => {
    expect(maskRegion(new Uint8Array(6), 3, 2)).toEqual({ area: 0, boxPixels: null });
  });
});
