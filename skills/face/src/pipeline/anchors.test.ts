import { describe, expect, it } from 'vitest';
import { blazeFaceAnchors } from './anchors.js';

describe('blazeFaceAnchors', () => {
  it('gives 896 anchors for the 256 and 128 pixel models, finer map first', () => {
    const anchors = blazeFaceAnchors(256);
    expect(anchors).toHaveLength(896);
    expect(anchors.slice(0, 3)).toEqual([
      [8, 8],
      [8, 8],
      [24, 8],
    ]);
    expect(anchors[511]).toEqual([248, 248]);
    expect(anchors[512]).toEqual([16, 16]);
    expect(anchors[895]).toEqual([240, 240]);
    expect(blazeFaceAnchors(128)[895]).toEqual([120, 120]);
  });
});
