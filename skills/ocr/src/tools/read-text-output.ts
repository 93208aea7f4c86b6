import { type AnyBox, BoxSchema, clampBox, normaliseBox } from '@mmskills/core';
import { z } from 'zod';
import type { LayoutBlock, PageLayout } from '../pipeline/layout/page-layout.js';
import type { ReadLine } from '../pipeline/read-page.js';

const LineIndexSchema = z.number().int().min(0).describe('An index into `lines`');

export const TextLineSchema = z.object({
  text: z.string().describe('The text of the line'),
  box: BoxSchema,
  confidence: z
    .number()
    .min(0)
    .max(1)
    .describe('Recognition confidence 0..1: mean probability of its characters'),
});
export type TextLine = z.infer<typeof TextLineSchema>;

export const TableCellSchema = z.object({
  row: z.number().int().min(1).describe('Row number in the table, 1 for its top row'),
  column: z.number().int().min(1).describe('Column number in the table, 1 for its leftmost column'),
  text: z.string().describe('The text in the cell, its lines joined by spaces; empty for an empty cell'),
  box: BoxSchema.describe('[x1, y1, x2, y2] of the cell: its column across, its row down (fractions 0..1)'),
  lines: z.array(LineIndexSchema).describe('Indices into `lines` of the lines in the cell'),
});
export type TableCell = z.infer<typeof TableCellSchema>;

export const TextBlockSchema = z.object({
  kind: z
    .enum(['text', 'table'])
    .describe('`text`: a paragraph or heading, read line by line; `table`: rows of cells in columns'),
  box: BoxSchema,
  column: z
    .number()
    .int()
    .min(1)
    .describe('The text column the block stands in, 1 for the leftmost; 1 where the page has one column'),
  columns: z.number().int().min(1).describe('How many text columns stand side by side where the block is'),
  lines: z
    .array(LineIndexSchema)
    .describe('Indices into `lines` of the lines in the block, in reading order'),
  rows: z
    .array(z.array(TableCellSchema))
    .optional()
    .describe('Tables only: the rows top to bottom, each with one cell per column left to right'),
});
export type TextBlock = z.infer<typeof TextBlockSchema>;

export const ReadTextOutputSchema = z.object({
  text: z.string().describe('All lines joined by newlines, in reading order; empty when no text was found'),
  lines: z
    .array(TextLineSchema)
    .describe(
      'The lines in reading order: blocks top to bottom, text columns one after another, each row left to right',
    ),
  blocks: z
    .array(TextBlockSchema)
    .describe('The layout: paragraphs and tables in reading order, each naming its lines'),
});
export type ReadTextOutput = z.infer<typeof ReadTextOutputSchema>;

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Pixel box → the 0..1 box of the output, 4 decimals. */
function boxOf(bounds: AnyBox, width: number, height: number): TextLine['box'] {
  return clampBox(normaliseBox(bounds, width, height)).map((v) => round(v, 4)) as TextLine['box'];
}

/**
 * The structured output of `read_text` from the lines read and their layout (whose indices point
 * into `read`): lines in the layout's reading order, blocks pointing at them.
 * @see ../../README.md#read_text
 */
export function readTextOutput(
  read: readonly ReadLine[],
  layout: PageLayout,
  width: number,
  height: number,
): ReadTextOutput {
  const at = new Map(layout.order.map((line, position) => [line, position]));
  const lines = layout.order.map((i) => {
    const line = read[i] as ReadLine;
    return { text: line.text, box: boxOf(line.bounds, width, height), confidence: round(line.confidence, 3) };
  });
  const positions = (indices: readonly number[]) => indices.map((i) => at.get(i) ?? 0);
  const blocks = layout.blocks.map((block: LayoutBlock): TextBlock => {
    const rows = block.rows?.map((row, r) =>
      row.map((cell, c) => ({
        row: r + 1,
        column: c + 1,
        text: positions(cell.lines)
          .map((i) => lines[i]?.text)
          .join(' '),
        box: boxOf(cell.bounds, width, height),
        lines: positions(cell.lines),
      })),
    );
    const { kind, column, columns } = block;
    const base = {
      kind,
      box: boxOf(block.bounds, width, height),
      column,
      columns,
      lines: positions(block.lines),
    };
    return rows ? { ...base, rows } : base;
  });
  return { text: lines.map((line) => line.text).join('\n'), lines, blocks };
}

/**
 * The text block of the result: the lines in reading order, and, where the page has more than
 * one column or a table, a bracketed note where each column starts and each table as rows of
 * cells separated by ` | `.
 */
export function renderReadText(output: ReadTextOutput, minConfidence: number): string {
  const { lines, blocks, text } = output;
  if (lines.length === 0) return `No text found (min_confidence ${minConfidence}).`;
  const count = lines.length === 1 ? '1 line' : `${lines.length} lines`;
  if (blocks.every((block) => block.kind === 'text' && block.columns === 1))
    return `${count} of text:\n${text}`;
  const out: string[] = [];
  let place = '1/1';
  for (const block of blocks) {
    const here = `${block.column}/${block.columns}`;
    if (here !== place)
      out.push(block.columns > 1 ? `[column ${block.column} of ${block.columns}]` : '[full width]');
    place = here;
    if (block.rows) {
      const columns = block.rows[0]?.length ?? 0;
      out.push(`[table: ${block.rows.length} rows × ${columns} columns, cells separated by " | "]`);
      out.push(...block.rows.map((row) => row.map((cell) => cell.text).join(' | ')));
      out.push('[end of table]');
    } else {
      out.push(...block.lines.map((i) => lines[i]?.text ?? ''));
    }
  }
  return `${count} of text:\n${out.join('\n')}`;
}
