import { type Bounds, unionOf } from './boxes.js';
import { groupRows } from './rows.js';

/** Rows holding cells in two or more columns make at least this share of a table's rows. */
const TABLE_ROWS = 0.5;

/** A grid found among side-by-side strips, and the lines above and below it that are no part of it. */
export interface TableGrid {
  above: number[];
  below: number[];
  /** Row by row, column by column: the lines (indices) in each cell, left to right. */
  cells: number[][][];
  /** Each column's `[x1, x2]` and each row's `[y1, y2]`. */
  columnSpans: Array<[number, number]>;
  rowSpans: Array<[number, number]>;
}

/**
 * Reads strips (the lines between gutters, left to right) as a table when most rows of the
 * region have lines in two or more strips: a receipt's items and prices, a grid of numbers. Rows
 * with a single cell before the first and after the last full row (a title, a closing line) are
 * left out of the grid; strips used only by them are no columns.
 */
export function tableOf(boxes: readonly Bounds[], strips: readonly number[][]): TableGrid | undefined {
  const stripOf = new Map(strips.flatMap((strip, s) => strip.map((line) => [line, s] as const)));
  const rows = groupRows(boxes, strips.flat());
  const spread = rows.map((row) => new Set(row.map((line) => stripOf.get(line))).size >= 2);
  const full = spread.filter(Boolean).length;
  if (full < 2 || full < TABLE_ROWS * rows.length) return undefined;
  const first = spread.indexOf(true);
  const last = spread.lastIndexOf(true);
  const body = rows.slice(first, last + 1);
  const used = strips.map((_, s) => body.some((row) => row.some((line) => stripOf.get(line) === s)));
  const columns = strips.flatMap((_, s) => (used[s] ? [s] : []));
  const cells = body.map((row) => columns.map((s) => row.filter((line) => stripOf.get(line) === s)));
  const span = (lines: number[], lo: 0 | 1, hi: 2 | 3): [number, number] => {
    const union = unionOf(lines.map((line) => boxes[line] as Bounds));
    return [union[lo], union[hi]];
  };
  const inColumn = (c: number) => cells.flatMap((row) => row[c] ?? []);
  return {
    above: rows.slice(0, first).flat(),
    below: rows.slice(last + 1).flat(),
    cells,
    columnSpans: columns.map((_, c) => span(inColumn(c), 0, 2)),
    rowSpans: body.map((row) => span(row, 1, 3)),
  };
}
