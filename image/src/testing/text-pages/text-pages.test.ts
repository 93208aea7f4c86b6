import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PAGE_KINDS, type PageBox, PageLayoutSchema, type TextPage } from './layout.js';
import { escapeXml } from './raster.js';
import { renderTextPage } from './render.js';

const DARK = 128;

async function grey(page: TextPage): Promise<Uint8Array> {
  return sharp(page.image).flatten({ background: '#fff' }).greyscale().raw().toBuffer();
}

const inside = (x: number, y: number, box: PageBox) =>
  x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;

function darkIn(pixels: Uint8Array, width: number, box: PageBox): number {
  let count = 0;
  for (let y = box.y; y < box.y + box.height; y++)
    for (let x = box.x; x < box.x + box.width; x++) if ((pixels[y * width + x] as number) < DARK) count++;
  return count;
}

/** Dark pixels that no line box holds. */
function strayInk(pixels: Uint8Array, page: TextPage): Array<[number, number]> {
  const stray: Array<[number, number]> = [];
  for (let y = 0; y < page.height; y++)
    for (let x = 0; x < page.width; x++)
      if (
        (pixels[y * page.width + x] as number) < DARK &&
        !page.layout.lines.some((l) => inside(x, y, l.box))
      )
        stray.push([x, y]);
  return stray;
}

describe.each(PAGE_KINDS)('%s pages', (kind) => {
  it('decode to their size, with every line box inside the page and inked', async () => {
    for (const seed of [0, 1, 2]) {
      const page = await renderTextPage(kind, seed);
      const meta = await sharp(page.image).metadata();
      expect([meta.width, meta.height, `image/${meta.format}`]).toEqual([page.width, page.height, page.mime]);
      expect(PageLayoutSchema.parse(page.layout)).toEqual(page.layout);
      const pixels = await grey(page);
      for (const { box, text } of page.layout.lines) {
        expect(box.x >= 0 && box.y >= 0, text).toBe(true);
        expect(box.x + box.width <= page.width && box.y + box.height <= page.height, text).toBe(true);
        // Text covers a tenth or so of its box; a line box on blank paper would hold almost none.
        expect(darkIn(pixels, page.width, box) / (box.width * box.height), text).toBeGreaterThan(0.03);
      }
    }
  });

  it('are the same for a seed and differ between seeds', async () => {
    const [a, b, c] = await Promise.all([
      renderTextPage(kind, 3),
      renderTextPage(kind, 3),
      renderTextPage(kind, 4),
    ]);
    expect(b.image.equals(a.image)).toBe(true);
    expect(b.layout).toEqual(a.layout);
    expect(c.text).not.toBe(a.text);
  });
});

describe('text pages', () => {
  it('hold all their ink in the line boxes (rules aside)', async () => {
    for (const kind of ['prose', 'columns', 'small', 'photo', 'receipt'] as const) {
      const page = await renderTextPage(kind, 0);
      const stray = strayInk(await grey(page), page);
      if (kind === 'receipt') {
        // Only the dashed rules, which run between the rows.
        expect(stray.length).toBeGreaterThan(0);
        for (const [, y] of stray)
          expect(page.layout.lines.some((l) => inside(l.box.x, y, l.box))).toBe(false);
      } else expect(stray, kind).toEqual([]);
    }
  });

  it('keep the first OCR benchmark prose pages, text for text', async () => {
    const texts = [];
    for (let seed = 0; seed < 10; seed++) texts.push((await renderTextPage('prose', seed)).text);
    expect(createHash('sha256').update(texts.join('\n\n')).digest('hex')).toBe(
      '5a25a8347c93c6cd531c436826985665e997bfe09a08ae3eb4a4edb0a276068c',
    );
  });

  it('read the columns one after the other, with blank gutters', async () => {
    for (const seed of [0, 1, 2, 3, 4, 5]) {
      const page = await renderTextPage('columns', seed);
      const columns = page.layout.columns ?? [];
      expect(columns.length === 2 || columns.length === 3).toBe(true);
      const order = page.layout.lines.map((line) => line.column ?? -1);
      expect(order).toEqual([...order].sort((x, y) => x - y));
      expect(new Set(order).size).toBe(columns.length);
      expect(page.text).toBe(page.layout.lines.map((line) => line.text).join('\n'));
      const pixels = await grey(page);
      for (let i = 1; i < columns.length; i++) {
        const left = columns[i - 1] as PageBox;
        const middle = Math.round((left.x + left.width + (columns[i] as PageBox).x) / 2);
        expect(
          darkIn(pixels, page.width, { x: middle - 4, y: 0, width: 8, height: page.height }),
          `${seed}`,
        ).toBe(0);
      }
    }
  });

  it('draw a table whose cells hold their text', async () => {
    const page = await renderTextPage('table', 0);
    const table = page.layout.table;
    expect(table?.rows.length).toBe(14);
    expect(table?.rows.every((row) => row.length === 6)).toBe(true);
    const cellLines = page.layout.lines.filter((line) => line.row !== undefined);
    expect(cellLines.map((line) => line.text)).toEqual(table?.rows.flat());
    for (const line of cellLines) {
      const cell = table?.cells[line.row as number]?.[line.column as number] as PageBox;
      expect(line.box.x > cell.x && line.box.x + line.box.width < cell.x + cell.width).toBe(true);
      expect(line.box.y > cell.y && line.box.y + line.box.height < cell.y + cell.height).toBe(true);
    }
    expect(page.text.split('\n').slice(1)).toEqual(table?.rows.map((row) => row.join(' ')));
  });

  it('right-align the prices of a receipt on their rows', async () => {
    const page = await renderTextPage('receipt', 1);
    const rows = page.layout.receipt?.rows ?? [];
    expect(page.text.split('\n')).toEqual(rows.map(({ left, right }) => (right ? `${left} ${right}` : left)));
    const prices = page.layout.lines.filter((line) => line.column === 1);
    expect(prices.length).toBe(rows.filter((row) => row.right).length);
    const ends = prices.map((line) => line.box.x + line.box.width);
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThanOrEqual(2);
    for (const price of prices) {
      const item = page.layout.lines.find((line) => line.row === price.row && line.column === 0);
      expect((item?.box.x ?? 0) + (item?.box.width ?? 0)).toBeLessThan(price.box.x);
    }
  });

  it('turn the photographed page and say by how much', async () => {
    const page = await renderTextPage('photo', 0);
    expect(Math.abs(page.layout.rotation ?? 0)).toBeGreaterThanOrEqual(2.5);
    expect(Math.abs(page.layout.rotation ?? 0)).toBeLessThanOrEqual(3.5);
    expect(page.layout.lines.every((line) => line.quad?.length === 4)).toBe(true);
  });

  it('draw the quotes, apostrophes and double-l words read_text has trouble with (issue 21)', async () => {
    const texts = await Promise.all(
      ['columns', 'small', 'photo'].map(async (k) => (await renderTextPage(k as 'small', 0)).text),
    );
    for (const text of texts) expect(text).toMatch(/"[^"\n]+"/);
    expect(texts.join(' ')).toMatch(/\b(Drill|will|still)\b/);
    expect(texts.join(' ')).toMatch(/\w'\w/);
    expect(escapeXml(`"a" & 'b' <c>`)).toBe('&quot;a&quot; &amp; &apos;b&apos; &lt;c&gt;');
  });
});
