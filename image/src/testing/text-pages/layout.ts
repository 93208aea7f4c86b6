import { z } from 'zod';

export const PAGE_KINDS = ['prose', 'columns', 'table', 'small', 'receipt', 'photo'] as const;
export const PageKindSchema = z.enum(PAGE_KINDS);
export type PageKind = z.infer<typeof PageKindSchema>;

/** A rectangle in page pixels: left, top, width and height. */
export const PageBoxSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type PageBox = z.infer<typeof PageBoxSchema>;

/** One run of text as drawn, `box` being the bounds of its ink. */
export const LayoutLineSchema = z.object({
  text: z.string().min(1),
  box: PageBoxSchema,
  font: z.string(),
  size: z.number().positive(),
  /** The text column (columns pages), table column, or receipt side (0 left, 1 the price). */
  column: z.number().int().nonnegative().optional(),
  /** The table row (0 is the header) or receipt row. */
  row: z.number().int().nonnegative().optional(),
  /** On a turned page: the corners of the line's straight ink box after turning, clockwise from top left. */
  quad: z
    .array(z.tuple([z.number(), z.number()]))
    .length(4)
    .optional(),
});
export type LayoutLine = z.infer<typeof LayoutLineSchema>;

export const PageLayoutSchema = z.object({
  /** Every drawn run of text, in reading order. */
  lines: z.array(LayoutLineSchema),
  /** Columns pages: each text column's area, gutters excluded. */
  columns: z.array(PageBoxSchema).optional(),
  /** Table pages: the cell texts row by row (row 0 is the header) and each ruled cell's box. */
  table: z
    .object({
      box: PageBoxSchema,
      rows: z.array(z.array(z.string())),
      cells: z.array(z.array(PageBoxSchema)),
    })
    .optional(),
  /** Receipts: each row's left text and, on item and total rows, the right-aligned amount. */
  receipt: z
    .object({ rows: z.array(z.object({ left: z.string(), right: z.string().optional() })) })
    .optional(),
  /** Photographed pages: degrees the page was turned, clockwise. */
  rotation: z.number().optional(),
});
export type PageLayout = z.infer<typeof PageLayoutSchema>;

/** A generated page: the encoded picture and what is on it. */
export interface TextPage {
  kind: PageKind;
  seed: number;
  image: Buffer;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  /** The reference text in reading order, one line per drawn line (a table or receipt row is one line). */
  text: string;
  layout: PageLayout;
}
