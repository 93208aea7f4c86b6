import { describe, expect, it } from 'vitest';
import { type BinaryMask, boundsOf, countSet, dilate, insideDistance } from './morphology.js';

/** A mask from rows of '#' (set) and '.' (unset). */
const maskOf = (...rows: string[]): BinaryMask => ({
  data: Uint8Array.from(rows.join('').split(''), (cell) => (cell === '#' ? 1 : 0)),
  width: rows[0]?.length ?? 0,
  height: rows.length,
});
const rowsOf = (mask: BinaryMask) =>
  Array.from({ length: mask.height }, (_, y) =>
    [...mask.data.subarray(y * mask.width, (y + 1) * mask.width)].map((v) => (v ? '#' : '.')).join(''),
  );

describe('dilate', () => {
  it('grows a mask by the radius in every direction, square, clipped at the border', () => {
    const mask = maskOf('......', '......', '...#..', '......', '#.....');
    expect(rowsOf(dilate(mask, 1))).toEqual(['......', '..###.', '..###.', '#####.', '##....']);
    expect(rowsOf(mask)).toEqual(['......', '......', '...#..', '......', '#.....']);
  });

  it('leaves the mask as it is for radius 0', () => {
    const mask = maskOf('.#.', '...');
    expect(rowsOf(dilate(mask, 0))).toEqual(['.#.', '...']);
  });
});

describe('boundsOf and countSet', () => {
  it('give the set pixels’ rectangle (right and bottom exclusive) and their number', () => {
    const mask = maskOf('.....', '..#..', '.##..', '.....');
    expect(boundsOf(mask)).toEqual({ x1: 1, y1: 1, x2: 3, y2: 3 });
    expect(countSet(mask)).toBe(3);
    expect(boundsOf(maskOf('...', '...'))).toBeUndefined();
  });
});

describe('insideDistance', () => {
  it('counts chessboard steps to the nearest unset pixel, treating the border as set', () => {
    const distance = insideDistance(maskOf('.....', '.###.', '.###.', '.###.', '.....'));
    expect([...distance.subarray(5, 10)]).toEqual([0, 1, 1, 1, 0]);
    expect([...distance.subarray(10, 15)]).toEqual([0, 1, 2, 1, 0]);
    const atBorder = insideDistance(maskOf('###.', '###.'));
    expect([...atBorder]).toEqual([3, 2, 1, 0, 3, 2, 1, 0]);
  });

  it('with a cap, reads every distance past it as the cap, one byte a pixel', () => {
    const mask = maskOf('........', '.######.', '.######.', '.######.', '.######.', '........');
    const capped = insideDistance(mask, 2);
    expect(capped).toBeInstanceOf(Uint8Array);
    expect([...capped]).toEqual([...insideDistance(mask)].map((d) => Math.min(d, 2)));
  });
});
