import { describe, expect, it } from 'vitest';
import { ctcGreedyDecode, ctcStepsFromProbabilities, splitRepeat } from './ctc-decode.js';

const charset = ['', 'a', 'b', ' '];

function steps(...rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

/** Decodes `count` steps of `classes` from `offset` of a probability table. */
function decode(probs: Float32Array, offset: number, count: number, classes: number, set: readonly string[]) {
  return ctcGreedyDecode(ctcStepsFromProbabilities(probs, offset, count, classes), set);
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
    const decoded = decode(probs, 0, 6, 4, charset);
    expect(decoded.text).toBe('aa b');
    expect(decoded.confidence).toBeCloseTo((0.8 + 0.7 + 0.6 + 0.8) / 4, 6);
  });

  it('places each character at its steps and carries the space probability seen before it', () => {
    const probs = steps(
      [0.1, 0.8, 0.05, 0.05],
      [0.1, 0.6, 0.2, 0.1],
      [0.9, 0.05, 0.05, 0],
      [0.1, 0.7, 0.1, 0.1],
      [0.2, 0.1, 0.1, 0.6],
      [0.1, 0.1, 0.8, 0],
      [0.7, 0, 0, 0.3],
      [0.7, 0, 0.2, 0.1],
      [0.1, 0, 0.9, 0],
    );
    const { chars } = decode(probs, 0, 9, 4, charset);
    expect(chars.map(({ char, first, last }) => [char, first, last])).toEqual([
      ['a', 0, 1],
      ['a', 3, 3],
      ['b', 5, 5],
      ['b', 8, 8],
    ]);
    expect(chars[1]?.spaceBefore).toBeCloseTo(0.1, 6);
    // The emitted space at step 4 counts for the `b` after it.
    expect(chars[2]?.spaceBefore).toBeCloseTo(0.6, 6);
    // Steps 5 (the first b) to 8: the highest space probability is the 0.3 at step 6.
    expect(chars[3]?.spaceBefore).toBeCloseTo(0.3, 6);
    expect(chars[3]?.probability).toBeCloseTo(0.9, 6);
    expect(chars.map((c) => c.spaced)).toEqual([false, false, true, false]);
  });

  it('reads the second sequence of a batch from its offset, and gives 0 confidence to nothing', () => {
    const probs = steps([0, 1, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]);
    expect(decode(probs, 4, 2, 4, charset)).toEqual({ text: '', confidence: 0, chars: [] });
  });
});

describe('splitRepeat', () => {
  it('reads one run as two characters only when the blank inside it makes that likelier', () => {
    // Steps of [blank, '2']: the run 2 2 2 2 with the blank at 0.33 in the middle (read `2214` as `214`).
    const dip = steps([0, 1], [0.33, 0.67], [0.33, 0.67], [0, 1]);
    expect(splitRepeat(ctcStepsFromProbabilities(dip, 0, 4, 2), 0, 3)).toBe(1);
    const decoded = decode(dip, 0, 4, 2, ['', '2']);
    expect(decoded.chars.map(({ char, first, last }) => [char, first, last])).toEqual([
      ['2', 0, 0],
      ['2', 2, 3],
    ]);
    const firm = steps([0, 1], [0.1, 0.9], [0.1, 0.9], [0, 1]);
    expect(splitRepeat(ctcStepsFromProbabilities(firm, 0, 4, 2), 0, 3)).toBe(-1);
    expect(decode(firm, 0, 4, 2, ['', '2']).text).toBe('2');
    expect(splitRepeat(ctcStepsFromProbabilities(dip, 0, 4, 2), 0, 1)).toBe(-1);
  });
});

describe('ctcStepsFromProbabilities', () => {
  it('keeps the first of equal maxima, and reads the blank and the last class as the space', () => {
    const { best, top, blank, space } = ctcStepsFromProbabilities(
      steps([0.4, 0.4, 0.2], [0.1, 0.3, 0.6]),
      0,
      2,
      3,
    );
    expect([...best]).toEqual([0, 2]);
    expect([...top]).toEqual([Math.fround(0.4), Math.fround(0.6)]);
    expect([...blank]).toEqual([Math.fround(0.4), Math.fround(0.1)]);
    expect([...space]).toEqual([Math.fround(0.2), Math.fround(0.6)]);
  });
});
