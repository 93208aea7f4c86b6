import { fileURLToPath } from 'node:url';
import { characterErrors, collapseWhitespace, levenshtein, photoPath } from '@mmskills/core/testing';
import { connectInMemory, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrSkill, type ReadTextOutput } from '../src/index.js';
import { documentPage, receiptPage, UPSIDE_DOWN_TEXT } from './fixtures/pages.js';
import { type DrawnLine, dataUri, renderPage } from './fixtures/render-page.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const SLOW = 180_000;

let client: Client;
const errors = { edits: 0, chars: 0 };

async function readText(image: string, extra: Record<string, unknown> = {}) {
  const result = await client.callTool({ name: 'read_text', arguments: { image, ...extra } });
  expect(result.isError, textOf(result)).toBeFalsy();
  return { result, output: result.structuredContent as ReadTextOutput };
}

/** Each expected line against the read line closest to it; the order of lines is not scored. */
function bestMatches(expected: readonly string[], read: readonly string[]) {
  return expected.map((want) => {
    const scored = read.map((got, index) => ({ index, edits: levenshtein(want, collapseWhitespace(got)) }));
    return scored.sort((a, b) => a.edits - b.edits)[0] ?? { index: -1, edits: want.length };
  });
}

beforeAll(async () => {
  client = await connectInMemory(ocrSkill, { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot });
});

afterAll(async () => {
  await client.close();
});

describe('read_text on rendered pages with known text', () => {
  it(
    'reads a page of 13 lines in reading order, the upside-down one too, at ≤ 2% CER',
    async () => {
      const page = documentPage();
      const { result, output } = await readText(
        dataUri(await renderPage(page.width, page.height, page.lines)),
      );
      const reference = page.expected.join('\n');
      const { edits, chars } = characterErrors(reference, output.text);
      errors.edits += edits;
      errors.chars += chars;
      expect(edits / chars).toBeLessThanOrEqual(0.02);
      expect(output.lines).toHaveLength(13);
      expect(output.text).toBe(output.lines.map((line) => line.text).join('\n'));
      expect(output.lines.at(-1)?.text).toBe(UPSIDE_DOWN_TEXT);
      expect(output.lines[0]).toMatchObject({ text: 'Quarterly Report 2024' });
      for (const [i, line] of output.lines.entries()) {
        expect(line.confidence).toBeGreaterThan(0.9);
        expect(line.box[0]).toBeLessThan(line.box[2]);
        if (i > 0) expect(line.box[1]).toBeGreaterThan(output.lines[i - 1]?.box[1] ?? 1);
      }
      // The title is drawn from x = 40, baseline y = 87 on a 900 × 661 page.
      const title = output.lines[0]?.box ?? [0, 0, 0, 0];
      expect(title[0]).toBeCloseTo(40 / 900, 1);
      expect(title[3]).toBeCloseTo(97 / 661, 1);
      expect(textOf(result)).toBe(`13 lines of text:\n${output.text}`);
    },
    SLOW,
  );

  it(
    'reads the same page turned a quarter counter-clockwise at ≤ 2% CER',
    async () => {
      const page = documentPage();
      const png = await renderPage(page.width, page.height, page.lines);
      const turned = await sharp(png).rotate(270).png().toBuffer();
      const { output } = await readText(dataUri(turned));
      expect(output.lines).toHaveLength(13);
      const matches = bestMatches(
        page.expected,
        output.lines.map((line) => line.text),
      );
      const edits = matches.reduce((sum, match) => sum + match.edits, 0);
      const chars = page.expected.reduce((sum, line) => sum + line.length, 0);
      errors.edits += edits;
      errors.chars += chars;
      expect(edits / chars).toBeLessThanOrEqual(0.02);
      expect(new Set(matches.map((match) => match.index)).size).toBe(13);
      // Vertical lines: every box is taller than wide.
      for (const { box } of output.lines)
        expect((box[3] - box[1]) * 900).toBeGreaterThan((box[2] - box[0]) * 661);
    },
    SLOW,
  );

  it(
    'reads a two-column receipt row by row: item, then its price',
    async () => {
      const receipt = receiptPage();
      const { output } = await readText(
        dataUri(await renderPage(receipt.width, receipt.height, receipt.lines)),
      );
      const read = output.lines.map((line) => line.text);
      expect(read).toHaveLength(receipt.expected.length);
      const matches = bestMatches(receipt.expected, read);
      expect(matches.map((match) => match.index)).toEqual(receipt.expected.map((_, i) => i));
      const edits = matches.reduce((sum, match) => sum + match.edits, 0);
      errors.edits += edits;
      errors.chars += receipt.expected.join('').length;
      expect(read.slice(0, 5)).toEqual(['CORNER CAFE', 'Espresso', '2.40', 'Cappuccino large', '3.90']);
      for (let row = 1; row < output.lines.length; row += 2) {
        const item = output.lines[row]?.box ?? [0, 0, 0, 0];
        const price = output.lines[row + 1]?.box ?? [0, 0, 0, 0];
        expect(item[0]).toBeLessThan(0.1);
        expect(price[0]).toBeGreaterThan(0.75);
        expect(Math.abs((item[1] + item[3]) / 2 - (price[1] + price[3]) / 2)).toBeLessThan(0.02);
      }
    },
    SLOW,
  );

  it('keeps the character error rate over all three pages at or under 2%', () => {
    expect(errors.chars).toBeGreaterThan(900);
    expect(errors.edits / errors.chars).toBeLessThanOrEqual(0.02);
  });
});

describe('read_text word spacing', () => {
  it(
    'keeps every space between words, in small type where the recogniser leaves them out',
    async () => {
      const expected: Array<[string, Pick<DrawnLine, 'font' | 'size' | 'weight' | 'style'>]> = [
        ['Chapter Miller meeting with method.', { font: 'DejaVu Sans', size: 18 }],
        ['Order (checked) version Alice Miller: 8757', { font: 'DejaVu Serif', size: 16 }],
        ['For sample address 3615 carefully value office', { font: 'DejaVu Sans Condensed', size: 16 }],
        ['Lisbon travel in carefully by, Lisbon', { font: 'DejaVu Sans Mono', size: 18, weight: 'bold' }],
        ['Report to order checked amount without $3870.14 report', { font: 'DejaVu Serif', size: 20 }],
      ];
      const lines = expected.map(([text, style], i) => ({ text, x: 30, y: 40 + i * 36, ...style }));
      const { output } = await readText(dataUri(await renderPage(760, 230, lines)));
      expect(output.lines.map((line) => line.text)).toEqual(expected.map(([text]) => text));
    },
    SLOW,
  );
});

describe('read_text on a committed photo', () => {
  it(
    'reads the scanned page: its title first, then the words of its paragraph',
    async () => {
      const { output } = await readText(photoPath('page'));
      expect(output.lines.length).toBeGreaterThanOrEqual(5);
      expect(output.lines[0]?.text).toMatch(/^Region-based ?segmentation$/);
      for (const word of ['markers', 'coins', 'background', 'pixels', 'histogram', 'zeros_like']) {
        expect(output.text).toContain(word);
      }
      expect(output.lines[1]?.text).toBe('Let us first determine markers of the coins and the');
      const strict = await readText(photoPath('page'), { min_confidence: 0.99 });
      expect(strict.output.lines.length).toBeLessThan(output.lines.length);
      for (const line of strict.output.lines) expect(line.confidence).toBeGreaterThanOrEqual(0.99);
    },
    SLOW,
  );

  it(
    'finds nothing on a blank page, and says so',
    async () => {
      const blank = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#fff' } })
        .png()
        .toBuffer();
      const { result, output } = await readText(dataUri(blank));
      expect(output).toEqual({ text: '', lines: [], blocks: [] });
      expect(textOf(result)).toBe('No text found (min_confidence 0.5).');
    },
    SLOW,
  );
});
