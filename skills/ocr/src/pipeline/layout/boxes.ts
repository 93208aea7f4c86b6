/** An axis-aligned box `[x1, y1, x2, y2]` in any units, y down. */
export type Bounds = readonly [number, number, number, number];

/** Anything with an axis-aligned box. */
export interface Boxed {
  readonly bounds: Bounds;
}

export function centreY(box: Bounds): number {
  return (box[1] + box[3]) / 2;
}

/** The smallest box around the given ones (all zeros when there are none). */
export function unionOf(boxes: readonly Bounds[]): [number, number, number, number] {
  if (boxes.length === 0) return [0, 0, 0, 0];
  return [
    Math.min(...boxes.map((box) => box[0])),
    Math.min(...boxes.map((box) => box[1])),
    Math.max(...boxes.map((box) => box[2])),
    Math.max(...boxes.map((box) => box[3])),
  ];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
