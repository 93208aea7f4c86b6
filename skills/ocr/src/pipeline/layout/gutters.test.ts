import { describe, expect, it } from 'vitest';
import type { Bounds } from './boxes.js';
import { findGutters, splitAtGutters } from './gutters.js';

const boxes: Bounds[] = [
  [40, 0, 200, 20],
  [40, 30, 180, 50],
  [260, 0, 300, 20],
  [305, 30, 330, 50],
  [400, 10, 420, 40],
];
const all = boxes.map((_, i) => i);

describe('findGutters', () => {
  it('finds the blank strips between lines at least as wide as asked, never a margin', () => {
    expect(findGutters(boxes, all, 20)).toEqual([
      [200, 260],
      [330, 400],
    ]);
    expect(findGutters(boxes, all, 61)).toEqual([[330, 400]]);
    expect(findGutters(boxes, [0, 1], 1)).toEqual([]);
  });

  it('finds none where one line crosses the strip', () => {
    expect(findGutters([...boxes, [100, 60, 350, 80]], [...all, 5], 20)).toEqual([[350, 400]]);
  });
});

describe('splitAtGutters', () => {
  it('puts each line in the strip between the gutters it lies between', () => {
    expect(splitAtGutters(boxes, all, findGutters(boxes, all, 20))).toEqual([[0, 1], [2, 3], [4]]);
  });
});
