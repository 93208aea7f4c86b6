import { splitBands } from './bands.js';
import { type Bounds, type Boxed, median, unionOf } from './boxes.js';
import { columnsOf, longEnough } from './columns.js';
import { findGutters, splitAtGutters } from './gutters.js';
import { groupRows } from './rows.js';
import { type TableGrid, tableOf } from './table.js';

/** A gutter between columns or table cells is at least this many line heights wide. */
const GUTTER = 0.6;
/** A gap between rows this many line heights tall (and twice the block's usual gap) starts a paragraph. */
const PARAGRAPH = 0.8;

/** A table cell: its lines (indices, left to right) and the box of its row and column. */
export interface LayoutCell {
  lines: number[];
  bounds: Bounds;
}

/** A paragraph or a table, with its lines (indices into the page's lines) in reading order. */
export interface LayoutBlock {
  kind: 'text' | 'table';
  lines: number[];
  bounds: Bounds;
  /** Which column (1-based) of how many side by side the block stands in. */
  column: number;
  columns: number;
  /** Tables: rows top to bottom, each with one cell per column, left to right. */
  rows?: LayoutCell[][];
}

/** The page's blocks in reading order, and the order of its lines (indices) they give. */
export interface PageLayout {
  order: number[];
  blocks: LayoutBlock[];
}

interface Page {
  boxes: readonly Bounds[];
  lineHeight: number;
  blocks: LayoutBlock[];
}

interface Place {
  column: number;
  columns: number;
}

/**
 * Lays out text lines from their boxes alone: a recursive XY cut. A region with a gutter over its
 * whole height splits into columns (read one after another) or a table (rows read across); one
 * without is cut into bands where a line crosses the gutter below or above it; what is left is text,
 * read row by row and cut into paragraphs at wide gaps.
 * @see ../../../README.md#read_text
 */
export function layoutPage(items: readonly Boxed[]): PageLayout {
  const boxes = items.map((item) => item.bounds);
  const lineHeight = median(boxes.map((box) => Math.min(box[2] - box[0], box[3] - box[1])));
  const page: Page = { boxes, lineHeight, blocks: [] };
  layoutRegion(
    page,
    boxes.map((_, i) => i),
    { column: 1, columns: 1 },
  );
  return { order: page.blocks.flatMap((block) => block.lines), blocks: page.blocks };
}

function layoutRegion(page: Page, lines: number[], place: Place): void {
  if (lines.length === 0) return;
  const minGutter = Math.max(1, GUTTER * page.lineHeight);
  const bands = lines.length > 1 ? splitBands(page.boxes, lines, minGutter) : [lines];
  if (bands.length > 1) {
    for (const band of bands) layoutRegion(page, band, place);
    return;
  }
  const gutters = lines.length > 1 ? findGutters(page.boxes, lines, minGutter) : [];
  if (gutters.length > 0) {
    const strips = splitAtGutters(page.boxes, lines, gutters);
    const columns = columnsOf(page.boxes, strips, page.lineHeight);
    if (columns) {
      for (const [i, column] of columns.entries()) {
        layoutRegion(page, column, { column: i + 1, columns: columns.length });
      }
      return;
    }
    const table = tableOf(page.boxes, strips);
    if (table && table.above.length + table.below.length > 0) {
      // Without the lines above and below, the table's own gutters may show (a title crossed some).
      const body = new Set([...table.above, ...table.below]);
      layoutRegion(page, table.above, place);
      layoutRegion(
        page,
        lines.filter((line) => !body.has(line)),
        place,
      );
      layoutRegion(page, table.below, place);
      return;
    }
    if (table) {
      page.blocks.push(tableBlock(table, place));
      return;
    }
    if (longEnough(strips)) {
      for (const [i, strip] of strips.entries()) {
        layoutRegion(page, strip, { column: i + 1, columns: strips.length });
      }
      return;
    }
  }
  page.blocks.push(...paragraphs(page, lines, place));
}

function tableBlock(table: TableGrid, place: Place): LayoutBlock {
  const rows = table.cells.map((row, r) =>
    row.map((lines, c) => {
      const [x1, x2] = table.columnSpans[c] ?? [0, 0];
      const [y1, y2] = table.rowSpans[r] ?? [0, 0];
      return { lines, bounds: [x1, y1, x2, y2] as const };
    }),
  );
  const cells = rows.flat();
  return {
    kind: 'table',
    lines: cells.flatMap((cell) => cell.lines),
    bounds: unionOf(cells.map((cell) => cell.bounds)),
    ...place,
    rows,
  };
}

/** Text read row by row, cut where the gap between two rows is much wider than the others. */
function paragraphs(page: Page, lines: number[], place: Place): LayoutBlock[] {
  const rows = groupRows(page.boxes, lines);
  const extent = (row: number[]) => unionOf(row.map((line) => page.boxes[line] as Bounds));
  const gaps = rows.slice(1).map((row, i) => extent(row)[1] - extent(rows[i] as number[])[3]);
  const wide = Math.max(PARAGRAPH * page.lineHeight, 2 * median(gaps));
  const groups: number[][][] = [];
  rows.forEach((row, i) => {
    if (i === 0 || (gaps[i - 1] ?? 0) > wide) groups.push([row]);
    else groups.at(-1)?.push(row);
  });
  return groups.map((group) => {
    const grouped = group.flat();
    return {
      kind: 'text',
      lines: grouped,
      bounds: unionOf(grouped.map((line) => page.boxes[line] as Bounds)),
      ...place,
    };
  });
}
