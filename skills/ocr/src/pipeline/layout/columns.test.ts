import { describe, expect, it } from 'vitest';
import type { Bounds } from './boxes.js';
import { columnsOf, isProse } from './columns.js';

const text = (x1: number, x2: number, top: number, count: number): Bounds[] =>
  Array.from({ length: count }, (_, i) => [x1, top + i * 30, x2 - (i % 2) * 20, top + i * 30 + 20]);

describe('isProse', () => {
  it('takes wide strips of lines that fill them for running text, not a column of prices', () => {
    const boxes = [...text(40, 440, 0, 5), ...text(500, 560, 0, 5)];
    expect(isProse(boxes, [0, 1, 2, 3, 4], 20)).toBe(true);
    expect(isProse(boxes, [5, 6, 7, 8, 9], 20)).toBe(false);
  });
});

describe('columnsOf', () => {
  const strip = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

  it('reads strips of running text as columns even when their rows line up', () => {
    const boxes = [...text(40, 440, 0, 5), ...text(500, 900, 0, 5)];
    expect(columnsOf(boxes, [strip(0, 5), strip(5, 5)], 20)).toEqual([strip(0, 5), strip(5, 5)]);
  });

  it('reads prices lined up with their items as rows, and the same prices between the rows as a column', () => {
    const items = text(40, 440, 0, 5);
    const lined = [...items, ...text(500, 560, 0, 5)];
    expect(columnsOf(lined, [strip(0, 5), strip(5, 5)], 20)).toBeUndefined();
    const between = [...items, ...text(500, 560, 15, 5)];
    expect(columnsOf(between, [strip(0, 5), strip(5, 5)], 20)).toEqual([strip(0, 5), strip(5, 5)]);
  });

  it('leaves a one-line note beside a paragraph in the rows it sits in', () => {
    const boxes = [...text(40, 440, 0, 5), [480, 30, 520, 80] as Bounds];
    expect(columnsOf(boxes, [strip(0, 5), [5]], 20)).toBeUndefined();
  });
});
