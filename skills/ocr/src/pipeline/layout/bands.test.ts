import { describe, expect, it } from 'vitest';
import { splitBands } from './bands.js';
import type { Bounds } from './boxes.js';

const title: Bounds = [100, 0, 500, 30];
const rows = (top: number, count: number): Bounds[] =>
  Array.from({ length: count }, (_, i) => [
    [40, top + i * 30, 280, top + i * 30 + 20] as Bounds,
    [320, top + i * 30, 560, top + i * 30 + 20] as Bounds,
  ]).flat();

describe('splitBands', () => {
  it('cuts off a title and a footer that cross the gutter of the columns between them', () => {
    const boxes = [title, ...rows(50, 3), [40, 150, 560, 170] as Bounds];
    expect(splitBands(boxes, [...boxes.keys()], 12)).toEqual([[0], [1, 2, 3, 4, 5, 6], [7]]);
  });

  it('keeps lines of plain text together, and columns whose rows line up together', () => {
    const text: Bounds[] = [0, 1, 2].map((i) => [40, i * 30, 500 - i * 40, i * 30 + 20]);
    expect(splitBands(text, [0, 1, 2], 12)).toEqual([[0, 1, 2]]);
    const columns = rows(0, 4);
    expect(splitBands(columns, [...columns.keys()], 12)).toEqual([[...columns.keys()]]);
  });

  it('keeps a line in one column with the columns around it', () => {
    const boxes = [...rows(0, 2), [40, 60, 280, 80] as Bounds, ...rows(90, 2)];
    expect(splitBands(boxes, [...boxes.keys()], 12)).toHaveLength(1);
  });
});
