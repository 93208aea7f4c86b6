import { collapseWhitespace, levenshtein } from '@mmskills/core/testing';
import { pageDataUri, renderTextPage, type TextPage } from '@mmskills/image/testing';
import { connectInMemory, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrSkill, type ReadTextOutput } from '../src/index.js';
import { receiptPage } from './fixtures/pages.js';
import { dataUri, renderPage } from './fixtures/render-page.js';

const SLOW = 180_000;

let client: Client;

async function readText(image: string) {
  const result = await client.callTool({ name: 'read_text', arguments: { image } });
  expect(result.isError, textOf(result)).toBeFalsy();
  return { text: textOf(result), output: result.structuredContent as ReadTextOutput };
}

/** The index of the drawn line each line read is closest to (the OCR may misread a character or two). */
function drawnIndex(page: TextPage, read: string): number {
  const edits = page.layout.lines.map((line) => levenshtein(line.text, collapseWhitespace(read)));
  return edits.indexOf(Math.min(...edits));
}

beforeAll(async () => {
  client = await connectInMemory(ocrSkill, process.env);
});

afterAll(async () => {
  await client.close();
});

describe('read_text reads pages in the order a person reads them, and says how they are laid out', () => {
  it.each([
    [1, 2],
    [2, 3],
  ])(
    'reads the columns page of seed %i column by column, top to bottom, its blocks in %i columns',
    async (seed, count) => {
      const page = await renderTextPage('columns', seed);
      expect(page.layout.columns).toHaveLength(count);
      const { text, output } = await readText(pageDataUri(page));
      expect(output.lines).toHaveLength(page.layout.lines.length);
      const drawn = output.lines.map((line) => drawnIndex(page, line.text));
      // The drawn lines are listed in reading order: each line read is the next one drawn.
      expect(drawn).toEqual(page.layout.lines.map((_, i) => i));
      for (const block of output.blocks) {
        expect(block).toMatchObject({ kind: 'text', columns: count });
        for (const line of block.lines) {
          expect(page.layout.lines[drawn[line] ?? -1]?.column).toBe(block.column - 1);
        }
      }
      expect(output.blocks.flatMap((block) => block.lines)).toEqual(output.lines.map((_, i) => i));
      expect(text).toContain(`[column ${count} of ${count}]`);
    },
    SLOW,
  );

  it(
    'finds the ruled table: column 2 of row 5 is the second cell of the fifth row drawn',
    async () => {
      const page = await renderTextPage('table', 1);
      const drawn = page.layout.table?.rows ?? [];
      const { text, output } = await readText(pageDataUri(page));
      const tables = output.blocks.filter((block) => block.kind === 'table');
      expect(tables).toHaveLength(1);
      const rows = tables[0]?.rows ?? [];
      expect(rows).toHaveLength(14);
      expect(rows.every((row) => row.length === 6)).toBe(true);
      expect(rows[4]?.[1]).toMatchObject({ row: 5, column: 2, text: drawn[4]?.[1] });
      expect(rows.map((row) => row.map((cell) => cell.text))).toEqual(drawn);
      // The title above the table is a block of its own, read first.
      expect(output.blocks[0]).toMatchObject({ kind: 'text', lines: [0] });
      expect(output.lines[0]?.text).toBe(page.text.split('\n')[0]);
      // Each cell's box holds the boxes of its lines, and the cells' lines are the table's, row by row.
      for (const cell of rows.flat()) {
        for (const line of cell.lines) {
          const box = output.lines[line]?.box ?? [0, 0, 0, 0];
          expect(box[0]).toBeGreaterThanOrEqual(cell.box[0]);
          expect(box[2]).toBeLessThanOrEqual(cell.box[2]);
        }
      }
      expect(rows.flat().flatMap((cell) => cell.lines)).toEqual(tables[0]?.lines);
      expect(text).toContain('[table: 14 rows × 6 columns, cells separated by " | "]');
      expect(text).toContain(`\n${drawn[5]?.join(' | ')}\n`);
    },
    SLOW,
  );

  it(
    "reads a till receipt row by row: each item beside its price in one table row, the shop's name above",
    async () => {
      const page = await renderTextPage('receipt', 1);
      const priced = page.layout.receipt?.rows.filter((row) => row.right !== undefined) ?? [];
      const { output } = await readText(pageDataUri(page));
      const tables = output.blocks.filter((block) => block.kind === 'table');
      expect(tables).toHaveLength(1);
      const rows = tables[0]?.rows ?? [];
      expect(rows).toHaveLength(priced.length);
      rows.forEach((row, r) => {
        expect(row).toHaveLength(2);
        // Each cell within an edit of the drawn text (the recogniser reads "16:11" as "16: 11").
        expect(levenshtein(row[0]?.text ?? '', priced[r]?.left ?? '')).toBeLessThanOrEqual(1);
        expect(levenshtein(row[1]?.text ?? '', priced[r]?.right ?? '')).toBeLessThanOrEqual(1);
      });
      expect(output.lines[0]?.text).toBe(page.layout.lines[0]?.text);
      expect(output.blocks[0]).toMatchObject({ kind: 'text', column: 1, columns: 1 });
      // A count's "x" is the letter as printed, not the recogniser's "×" (issue 21's receipts).
      const counted = rows.map((row) => row[0]?.text).filter((text) => /^\d+ [x×] /.test(text ?? ''));
      expect(counted).toEqual(['2 x Apples 1 kg', '2 x Light bulb 9 W']);
    },
    SLOW,
  );

  it(
    "reads the suite's own receipt as its shop's name, then a table of items and prices",
    async () => {
      const receipt = receiptPage();
      const { output } = await readText(
        dataUri(await renderPage(receipt.width, receipt.height, receipt.lines)),
      );
      expect(output.blocks.map((block) => block.kind)).toEqual(['text', 'table']);
      expect(output.lines[0]?.text).toBe('CORNER CAFE');
      const rows = output.blocks[1]?.rows ?? [];
      expect(rows.map((row) => row.map((cell) => cell.lines))).toEqual(
        [1, 3, 5, 7, 9, 11, 13].map((i) => [[i], [i + 1]]),
      );
      rows.flat().forEach((cell, i) => {
        expect(levenshtein(cell.text, receipt.expected[i + 1] ?? '')).toBeLessThanOrEqual(1);
      });
    },
    SLOW,
  );
});
