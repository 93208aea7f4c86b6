import type { Bounds } from './boxes.js';

/** A vertical strip of whitespace `[x1, x2]` that no line crosses. */
export type Gutter = readonly [number, number];

/**
 * The gutters between the given lines: x ranges at least `minWidth` wide that no line's box
 * covers, with lines on both sides (a margin is no gutter). Left to right.
 */
export function findGutters(boxes: readonly Bounds[], lines: readonly number[], minWidth: number): Gutter[] {
  const spans = lines.map((i) => boxes[i] as Bounds).sort((a, b) => a[0] - b[0]);
  const gutters: Gutter[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    if (reach > Number.NEGATIVE_INFINITY && span[0] - reach >= minWidth) gutters.push([reach, span[0]]);
    reach = Math.max(reach, span[2]);
  }
  return gutters;
}

/** The lines between consecutive gutters, one strip per column, left to right. */
export function splitAtGutters(
  boxes: readonly Bounds[],
  lines: readonly number[],
  gutters: readonly Gutter[],
): number[][] {
  const strips: number[][] = Array.from({ length: gutters.length + 1 }, () => []);
  for (const line of lines) {
    const left = (boxes[line] as Bounds)[0];
    strips[gutters.filter((gutter) => gutter[1] <= left).length]?.push(line);
  }
  return strips;
}
