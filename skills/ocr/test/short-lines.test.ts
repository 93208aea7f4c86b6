import { pageDataUri, renderTextPage } from '@mmskills/image/testing';
import { connectInMemory, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrSkill, type ReadTextOutput } from '../src/index.js';

const SLOW = 180_000;

let client: Client;

async function readLines(kind: 'receipt' | 'table', seed: number) {
  const page = await renderTextPage(kind, seed);
  const result = await client.callTool({ name: 'read_text', arguments: { image: pageDataUri(page) } });
  expect(result.isError, textOf(result)).toBeFalsy();
  return { page, lines: (result.structuredContent as ReadTextOutput).lines.map((line) => line.text) };
}

beforeAll(async () => {
  client = await connectInMemory(ocrSkill, { ...process.env });
});

afterAll(async () => {
  await client.close();
});

describe('read_text on short lines (prices, times, table cells)', () => {
  it(
    'reads the prices and the time on a receipt without a space after the point or colon',
    async () => {
      // Each read alone and padded to 320 columns, these came back as `18: 27`, `1. 11`, `14. 99` …
      const { page, lines } = await readLines('receipt', 2);
      const prices = (page.layout.receipt?.rows ?? []).flatMap((row) => (row.right ? [row.right] : []));
      expect(prices.length).toBeGreaterThan(8);
      for (const price of prices) expect(lines).toContain(price);
      expect(lines).toContain('18:27');
    },
    SLOW,
  );

  it(
    'reads every cell of a ruled table of numbers as drawn',
    async () => {
      const { page, lines } = await readLines('table', 1);
      const cells = (page.layout.table?.rows ?? []).flat();
      expect(cells.length).toBeGreaterThan(70);
      for (const cell of cells) expect(lines).toContain(cell);
    },
    SLOW,
  );
});
