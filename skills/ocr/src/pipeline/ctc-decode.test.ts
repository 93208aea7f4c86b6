import { describe, expect, it } from 'vitest';
import { ctcGreedyDecode } from './ctc-decode.js';

const charset = ['', 'a', 'b', ' '];

function steps(...rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

describe('ctcGreedyDecode', () => {
  it('merges repeats, drops blanks, and keeps a letter repeated across a blank', () => {
    const probs = steps(
      [0.1, 0.8, 0.05, 0.05],
      [0.1, 0.6, 0.2, 0.1],
      [0.9, 0.05, 0.05, 0],
      [0.1, 0.7, 0.1, 0.1],
      [0.2, 0.1, 0.1, 0.6],
      [0.1, 0.1, 0.8, 0],
    );
    const decoded = ctcGreedyDecode(probs, 0, 6, 4, charset);
    expect(decoded.text).toBe('aa b');
    expect(decoded.confidence).toBeCloseTo((0.8 + 0.7 + 0.6 + 0.8) / 4, 6);
  });

  it('reads the second sequence of a batch from its offset, and gives 0 confidence to nothing', () => {
    const probs = steps([0, 1, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]);
    expect(ctcGreedyDecode(probs, 4, 2, 4, charset)).toEqual({ text: '', confidence: 0 });
  });
});
