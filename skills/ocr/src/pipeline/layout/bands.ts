import type { Bounds } from './boxes.js';
import { findGutters } from './gutters.js';

/** Runs of lines that overlap vertically: between two slices lies a horizontal strip of whitespace. */
function slices(boxes: readonly Bounds[], lines: readonly number[]): number[][] {
  const sorted = [...lines].sort((a, b) => (boxes[a] as Bounds)[1] - (boxes[b] as Bounds)[1]);
  const out: number[][] = [];
  let bottom = Number.NEGATIVE_INFINITY;
  for (const line of sorted) {
    const box = boxes[line] as Bounds;
    const last = out.at(-1);
    if (last && box[1] < bottom) {
      last.push(line);
      bottom = Math.max(bottom, box[3]);
    } else {
      out.push([line]);
      bottom = box[3];
    }
  }
  return out;
}

/**
 * Cuts a region with no gutter over its whole height into bands, top to bottom, where its column
 * structure changes: a title or a full-width line above or below columns, a table under a
 * paragraph. Slices join the band above while the band keeps a gutter (columns, table) or while
 * neither has one (plain text), so a line that crosses the columns' gutter starts a band of its own.
 */
export function splitBands(
  boxes: readonly Bounds[],
  lines: readonly number[],
  minGutter: number,
): number[][] {
  const [first, ...rest] = slices(boxes, lines);
  if (!first) return [];
  const bands: number[][] = [];
  let band = first;
  let split = findGutters(boxes, band, minGutter).length > 0;
  for (const slice of rest) {
    const joined = [...band, ...slice];
    const keeps = split
      ? findGutters(boxes, joined, minGutter).length > 0
      : findGutters(boxes, slice, minGutter).length === 0;
    if (keeps) {
      band = joined;
    } else {
      bands.push(band);
      band = slice;
      split = findGutters(boxes, slice, minGutter).length > 0;
    }
  }
  bands.push(band);
  return bands;
}
