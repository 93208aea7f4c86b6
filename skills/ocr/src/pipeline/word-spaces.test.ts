import { describe, expect, it } from 'vitest';
import type { CtcChar } from './ctc-decode.js';
import { inkProfile, joinWords, widestGap } from './word-spaces.js';

const HEIGHT = 10;

/** A plane `width` wide of background 1 with ink (-1) in the given column ranges, rows 2..7. */
function plane(width: number, inked: Array<[number, number]>, ink = -1, background = 1): Float32Array {
  const data = new Float32Array(width * HEIGHT).fill(background);
  for (const [from, to] of inked)
    for (let y = 2; y < 8; y++) for (let x = from; x < to; x++) data[y * width + x] = ink;
  return data;
}

function char(c: string, step: number, spaceBefore: number, spaced = false): CtcChar {
  return {
    char: c,
    first: step,
    last: step,
    probability: 1,
    spaceBefore,
    spaced,
    runnerUp: '',
    runnerUpProbability: 0,
  };
}

describe('inkProfile', () => {
  it('marks ink columns and measures the text height, in either polarity', () => {
    for (const [ink, background] of [
      [-1, 1],
      [1, -1],
    ] as const) {
      const profile = inkProfile(
        plane(
          12,
          [
            [2, 4],
            [8, 9],
          ],
          ink,
          background,
        ),
        0,
        12,
        12,
        HEIGHT,
      );
      expect([...profile.columns]).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0]);
      expect(profile.textHeight).toBe(6);
    }
  });

  it('reads one line of a batch from its offset and row stride, ignoring the padding', () => {
    const line = plane(6, [[1, 2]]);
    const batch = new Float32Array(2 * 8 * HEIGHT);
    for (let y = 0; y < HEIGHT; y++) batch.set(line.subarray(y * 6, y * 6 + 6), 8 * HEIGHT + y * 8);
    const profile = inkProfile(batch, 8 * HEIGHT, 8, 6, HEIGHT);
    expect([...profile.columns]).toEqual([0, 1, 0, 0, 0, 0]);
  });

  it('finds the widest blank run between two positions', () => {
    expect(widestGap(Uint8Array.from([1, 0, 0, 1, 0, 0, 0, 1]), 0, 8)).toBe(3);
    expect(widestGap(Uint8Array.from([1, 0, 0, 1, 0, 0, 0, 1]), 0, 5)).toBe(2);
  });
});

describe('joinWords', () => {
  // Glyphs 4 columns wide every 8 columns (one step each): letter gaps of 4 = 0.67 of the height.
  const wide = inkProfile(
    plane(48, [
      [2, 6],
      [10, 14],
      [18, 22],
      [26, 30],
      [34, 38],
      [42, 46],
    ]),
    0,
    48,
    48,
    HEIGHT,
  );
  // The same glyphs 7 columns wide: gaps of 1 column = 0.17 of the height.
  const tight = inkProfile(
    plane(48, [
      [1, 8],
      [9, 16],
      [17, 24],
      [25, 32],
      [33, 40],
      [41, 48],
    ]),
    0,
    48,
    48,
    HEIGHT,
  );

  it('keeps the spaces the model emitted, however narrow the gap', () => {
    const chars = [char('a', 0, 0), char('b', 1, 0.6, true), char('c', 2, 0.001)];
    expect(joinWords(chars, tight, 8)).toBe('a bc');
  });

  it('puts a space where a faint space probability meets a wide blank gap, and only there', () => {
    const chars = [char('a', 0, 0), char('b', 1, 0.03), char('c', 2, 0.2), char('d', 3, 0.00001)];
    expect(joinWords(chars, wide, 8)).toBe('a b cd');
    expect(joinWords(chars, tight, 8)).toBe('abcd');
  });

  it('puts no faint space before closing punctuation or after an opening bracket', () => {
    const chars = [
      char('(', 0, 0),
      char('a', 1, 0.5),
      char(')', 2, 0.5),
      char(',', 3, 0.5),
      char('b', 4, 0.5),
    ];
    expect(joinWords(chars, wide, 8)).toBe('(a), b');
    expect(joinWords([char('a', 0, 0), char(',', 1, 0.9, true)], wide, 8)).toBe('a ,');
  });

  it('puts no faint space beside an apostrophe', () => {
    const chars = [char('w', 0, 0), char('e', 1, 0), char("'", 2, 0.05), char('l', 3, 0.05), char('l', 4, 0)];
    expect(joinWords(chars, wide, 8)).toBe("we'll");
    const curly = [char('i', 0, 0), char('t', 1, 0), char('’', 2, 0.05), char('s', 3, 0.05)];
    expect(joinWords(curly, wide, 8)).toBe('it’s');
  });

  it('discounts the side bearings between two one-stroke letters (`ll`, not `l l`), unless far apart', () => {
    expect(joinWords([char('i', 0, 0), char('l', 1, 0.05), char('l', 2, 0.05)], wide, 8)).toBe('ill');
    expect(joinWords([char('a', 0, 0), char('t', 1, 0.05)], wide, 8)).toBe('a t');
    // A monospaced `1 l` (as in `1.5 l`): strokes 7 columns apart, more than the text height.
    const mono = inkProfile(
      plane(16, [
        [2, 3],
        [10, 11],
      ]),
      0,
      16,
      16,
      HEIGHT,
    );
    expect(joinWords([char('1', 0, 0), char('l', 1, 0.4)], mono, 8)).toBe('1 l');
  });

  it('reads nothing as nothing, and one character as itself', () => {
    expect(joinWords([], wide, 8)).toBe('');
    expect(joinWords([char('x', 3, 1)], wide, 8)).toBe('x');
  });
});
