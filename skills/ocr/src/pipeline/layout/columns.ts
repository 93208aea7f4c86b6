import type { Bounds } from './boxes.js';
import { groupRows } from './rows.js';

/** A column of running text is at least this many line heights wide: a column of prices is not. */
const PROSE_WIDTH = 8;
/** ...and at least half its lines fill this share of its width (a paragraph's last line may not). */
const PROSE_FILL = 0.7;
/** A side-by-side group of short lines holds at least this many lines to be read as a column of its own. */
const COLUMN_LINES = 3;

/** Whether a strip of lines between gutters reads as a column of running text. */
export function isProse(boxes: readonly Bounds[], strip: readonly number[], lineHeight: number): boolean {
  if (strip.length === 0) return false;
  const left = Math.min(...strip.map((i) => (boxes[i] as Bounds)[0]));
  const right = Math.max(...strip.map((i) => (boxes[i] as Bounds)[2]));
  const width = right - left;
  if (width < PROSE_WIDTH * lineHeight) return false;
  const full = strip.filter((i) => (boxes[i] as Bounds)[2] - (boxes[i] as Bounds)[0] >= PROSE_FILL * width);
  return full.length * 2 >= strip.length;
}

/** Whether most lines of the smaller of two groups share a row with a line of the other. */
function linedUp(boxes: readonly Bounds[], a: readonly number[], b: readonly number[]): boolean {
  const inA = new Set(a);
  const rows = groupRows(boxes, [...a, ...b]);
  const withA = rows.filter((row) => row.some((line) => inA.has(line))).length;
  const withB = rows.filter((row) => row.some((line) => !inA.has(line))).length;
  const shared = rows.filter(
    (row) => row.some((line) => inA.has(line)) && row.some((line) => !inA.has(line)),
  );
  return shared.length * 2 >= Math.min(withA, withB);
}

/**
 * The strips between gutters as columns to read one after another, or `undefined` when they are
 * rows to read across (a receipt, a table, a paragraph with a side note). Each strip of running
 * text is a column. A strip of short lines joins its neighbour when their rows line up (a
 * receipt's prices beside its items, a table's cells), and stands as a column of its own only
 * when it holds a few lines (a table beside a text column).
 */
export function columnsOf(
  boxes: readonly Bounds[],
  strips: readonly number[][],
  lineHeight: number,
): number[][] | undefined {
  const groups: Array<{ lines: number[]; prose: boolean }> = [];
  for (const strip of strips) {
    const prose = isProse(boxes, strip, lineHeight);
    const last = groups.at(-1);
    if (last && !(prose && last.prose) && linedUp(boxes, last.lines, strip)) {
      last.lines.push(...strip);
      last.prose = false;
    } else groups.push({ lines: [...strip], prose });
  }
  if (groups.length < 2) return undefined;
  const standsAlone = (group: { lines: number[]; prose: boolean }) =>
    group.prose || group.lines.length >= COLUMN_LINES;
  return groups.every(standsAlone) ? groups.map((group) => group.lines) : undefined;
}

/** Whether strips that are neither text columns nor a table are still columns: each holds a few lines. */
export function longEnough(strips: readonly number[][]): boolean {
  return strips.every((strip) => strip.length >= COLUMN_LINES);
}
