/** Anything with an axis-aligned box `[x1, y1, x2, y2]` (any units, y down). */
export interface Boxed {
  bounds: readonly [number, number, number, number];
}

function centreY(item: Boxed): number {
  return (item.bounds[1] + item.bounds[3]) / 2;
}

/** Two lines share a row when each one's vertical centre lies within the other's height. */
function sameRow(a: Boxed, b: Boxed): boolean {
  const ca = centreY(a);
  const cb = centreY(b);
  return ca >= b.bounds[1] && ca <= b.bounds[3] && cb >= a.bounds[1] && cb <= a.bounds[3];
}

/**
 * Orders text lines for reading: rows top to bottom, and within a row left to right. Lines join
 * a row by mutual vertical overlap, so two columns on the same baseline (a receipt's items and
 * prices) read across, while a tall vertical line does not pull unrelated rows together.
 */
export function readingOrder<T extends Boxed>(items: readonly T[]): T[] {
  const rows: T[][] = [];
  for (const item of [...items].sort((a, b) => centreY(a) - centreY(b))) {
    const row = rows.find((candidate) => candidate.some((member) => sameRow(member, item)));
    if (row) row.push(item);
    else rows.push([item]);
  }
  const top = (row: T[]) => Math.min(...row.map(centreY));
  return rows.sort((a, b) => top(a) - top(b)).flatMap((row) => row.sort((a, b) => a.bounds[0] - b.bounds[0]));
}
