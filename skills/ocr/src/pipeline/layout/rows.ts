import { type Bounds, centreY } from './boxes.js';

/**
 * Two lines share a row when each one's vertical centre lies within the other's height and they
 * stand side by side: lines that overlap across more than half the narrower one are one above the
 * other (on a tilted page the boxes of neighbouring long lines overlap in height).
 */
function sameRow(a: Bounds, b: Bounds): boolean {
  const ca = centreY(a);
  const cb = centreY(b);
  const across = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const narrower = Math.min(a[2] - a[0], b[2] - b[0]);
  return ca >= b[1] && ca <= b[3] && cb >= a[1] && cb <= a[3] && across <= narrower / 2;
}

/**
 * Groups lines (indices into `boxes`) into rows: top to bottom, each left to right. A line joins a
 * row by mutual vertical overlap with one of its lines, so an item and its price a little higher
 * share a row, while a tall vertical line does not pull unrelated rows together.
 */
export function groupRows(boxes: readonly Bounds[], lines: readonly number[]): number[][] {
  const box = (i: number) => boxes[i] as Bounds;
  const rows: number[][] = [];
  for (const line of [...lines].sort((a, b) => centreY(box(a)) - centreY(box(b)))) {
    const row = rows.find((candidate) => candidate.some((member) => sameRow(box(member), box(line))));
    if (row) row.push(line);
    else rows.push([line]);
  }
  const top = (row: number[]) => Math.min(...row.map((i) => centreY(box(i))));
  return rows.sort((a, b) => top(a) - top(b)).map((row) => row.sort((a, b) => box(a)[0] - box(b)[0]));
}
