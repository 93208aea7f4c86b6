import { describe, expect, it } from 'vitest';
import type { Bounds } from './boxes.js';
import { tableOf } from './table.js';

describe('tableOf', () => {
  const cell = (row: number, column: number): Bounds => [
    column * 100,
    row * 30,
    column * 100 + 60,
    row * 30 + 20,
  ];

  it('makes a grid of the full rows, with the title above left out and an empty cell kept', () => {
    const boxes: Bounds[] = [[0, -40, 150, -20], cell(0, 0), cell(0, 1), cell(0, 2), cell(1, 0), cell(1, 2)];
    const table = tableOf(boxes, [[0, 1, 4], [2], [3, 5]]);
    expect(table).toMatchObject({
      above: [0],
      below: [],
      cells: [
        [[1], [2], [3]],
        [[4], [], [5]],
      ],
    });
    expect(table?.columnSpans).toEqual([
      [0, 60],
      [100, 160],
      [200, 260],
    ]);
    expect(table?.rowSpans).toEqual([
      [0, 20],
      [30, 50],
    ]);
  });

  it('finds no table when most rows hold one cell', () => {
    const boxes: Bounds[] = [cell(0, 0), cell(1, 0), cell(2, 0), cell(3, 1), cell(2, 1)];
    expect(
      tableOf(boxes, [
        [0, 1, 2],
        [3, 4],
      ]),
    ).toBeUndefined();
  });
});
