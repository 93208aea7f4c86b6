import { describe, expect, it } from 'vitest';
import { type LineBatchOptions, planLineBatches } from './line-batches.js';

const OPTIONS: LineBatchOptions = {
  height: 48,
  longWidth: 320,
  shortWidth: 160,
  batchSize: 3,
  padding: 0.1,
  step: 8,
};

/** A line `columns` wide once scaled to 48 rows (drawn 24 rows high). */
const line = (columns: number) => ({ width: columns / 2, height: 24 });

describe('planLineBatches', () => {
  it('reads each long line alone at its own width, as PaddleOCR does', () => {
    expect(planLineBatches([line(900), line(321), line(320)], OPTIONS)).toEqual([
      { indices: [2], width: 320 },
      { indices: [1], width: 321 },
      { indices: [0], width: 900 },
    ]);
  });

  it('keeps the width of a long line whose ratio does not scale to a whole number of columns', () => {
    expect(planLineBatches([{ width: 1001, height: 37 }], OPTIONS)).toEqual([
      { indices: [0], width: Math.floor(48 * (1001 / 37)) },
    ]);
  });

  it('reads short lines together, padded to the short width and the widest of their batch in whole steps', () => {
    expect(planLineBatches([line(60), line(150), line(100)], OPTIONS)).toEqual([
      { indices: [0, 2, 1], width: 160 },
    ]);
    expect(planLineBatches([line(170), line(165)], OPTIONS)).toEqual([{ indices: [1, 0], width: 176 }]);
  });

  it('starts a new batch when it is full or when the next line would make it mostly padding', () => {
    const sizes = [line(100), line(110), line(120), line(130), line(300), line(500)];
    expect(planLineBatches(sizes, OPTIONS)).toEqual([
      { indices: [0, 1, 2], width: 160 },
      { indices: [3], width: 160 },
      { indices: [4], width: 304 },
      { indices: [5], width: 500 },
    ]);
  });

  it('plans nothing for no lines', () => {
    expect(planLineBatches([], OPTIONS)).toEqual([]);
  });
});
