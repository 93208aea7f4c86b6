import { describe, expect, it } from 'vitest';
import type { Bounds } from './boxes.js';
import { layoutPage } from './page-layout.js';

interface Named {
  name: string;
  bounds: Bounds;
}

const line = (name: string, x1: number, y1: number, x2: number, y2: number): Named => ({
  name,
  bounds: [x1, y1, x2, y2],
});

/** A column of running text: `count` lines 20 high every 30, most as wide as the column, the last short. */
function column(prefix: string, x1: number, x2: number, top: number, count: number): Named[] {
  return Array.from({ length: count }, (_, i) => {
    const right = i === count - 1 ? x1 + (x2 - x1) * 0.4 : x2 - (i % 3) * 15;
    return line(`${prefix}${i + 1}`, x1, top + i * 30, right, top + i * 30 + 20);
  });
}

function read(lines: readonly Named[]) {
  const layout = layoutPage(lines);
  const name = (i: number) => lines[i]?.name;
  return {
    order: layout.order.map(name),
    blocks: layout.blocks.map((block) => ({
      kind: block.kind,
      at: `${block.column}/${block.columns}`,
      lines: block.lines.map(name),
      rows: block.rows?.map((row) => row.map((cell) => cell.lines.map(name).join(' '))),
    })),
  };
}

describe('layoutPage', () => {
  it('reads a title, then column 1 top to bottom, then column 2, then a full-width footer', () => {
    const page = [
      line('title', 200, 10, 800, 40),
      ...column('a', 40, 480, 60, 8),
      // Column 2's baselines sit 12 px lower than column 1's: no row holds both.
      ...column('b', 520, 960, 72, 7),
      line('footer', 40, 330, 960, 350),
    ];
    const { order, blocks } = read(page);
    const names = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
    expect(order).toEqual(['title', ...names('a', 8), ...names('b', 7), 'footer']);
    expect(blocks.map((block) => `${block.kind} ${block.at}`)).toEqual([
      'text 1/1',
      'text 1/2',
      'text 2/2',
      'text 1/1',
    ]);
  });

  it('reads two columns of running text one after the other even when their rows line up', () => {
    const page = [...column('b', 520, 960, 60, 6), ...column('a', 40, 480, 60, 6)];
    const { order, blocks } = read(page);
    expect(order).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6']);
    expect(blocks.map((block) => block.kind)).toEqual(['text', 'text']);
  });

  it('reads three columns, the third shorter, left to right', () => {
    const page = [
      ...column('c', 680, 960, 40, 3),
      ...column('a', 40, 300, 40, 5),
      ...column('b', 360, 620, 40, 5),
    ];
    expect(read(page).blocks.map((block) => `${block.at} ${block.lines.join(',')}`)).toEqual([
      '1/3 a1,a2,a3,a4,a5',
      '2/3 b1,b2,b3,b4,b5',
      '3/3 c1,c2,c3',
    ]);
  });

  it('keeps a receipt item and its right-aligned price on one row, the shop name above the table', () => {
    const page = [
      line('shop', 150, 5, 350, 35),
      line('espresso', 40, 50, 160, 72),
      line('2.40', 420, 48, 480, 71),
      line('cappuccino large', 40, 90, 250, 112),
      line('3.90', 420, 91, 480, 113),
      line('total', 40, 130, 120, 152),
      line('6.30', 420, 129, 480, 152),
    ];
    const { order, blocks } = read(page);
    expect(order).toEqual(['shop', 'espresso', '2.40', 'cappuccino large', '3.90', 'total', '6.30']);
    expect(blocks).toEqual([
      { kind: 'text', at: '1/1', lines: ['shop'], rows: undefined },
      {
        kind: 'table',
        at: '1/1',
        lines: ['espresso', '2.40', 'cappuccino large', '3.90', 'total', '6.30'],
        rows: [
          ['espresso', '2.40'],
          ['cappuccino large', '3.90'],
          ['total', '6.30'],
        ],
      },
    ]);
  });

  it('reads a long item beside its price as one row, not as a column of text', () => {
    const page = [0, 1, 2, 3, 4].flatMap((r) => [
      line(`item ${r + 1}`, 20, 10 + r * 25, 170 - (r % 2) * 20, 28 + r * 25),
      line(`price ${r + 1}`, 350, 10 + r * 25, 400, 28 + r * 25),
    ]);
    const { order, blocks } = read(page);
    expect(order.slice(0, 4)).toEqual(['item 1', 'price 1', 'item 2', 'price 2']);
    expect(blocks.map((block) => block.kind)).toEqual(['table']);
  });

  it('finds a table under a paragraph: rows of cells, an empty cell left empty', () => {
    const page = [
      ...column('p', 40, 700, 10, 3),
      ...['Item', 'Qty', 'Price', 'Net'].map((name, c) =>
        line(`h${name}`, 40 + c * 180, 120, 120 + c * 180, 140),
      ),
      ...[1, 2, 3, 4, 5].flatMap((r) =>
        [0, 1, 2, 3]
          .filter((c) => !(r === 3 && c === 2))
          .map((c) => line(`r${r}c${c + 1}`, 40 + c * 180, 120 + r * 30, 130 + c * 180, 140 + r * 30)),
      ),
    ];
    const { order, blocks } = read(page);
    expect(order.slice(0, 7)).toEqual(['p1', 'p2', 'p3', 'hItem', 'hQty', 'hPrice', 'hNet']);
    expect(blocks.map((block) => block.kind)).toEqual(['text', 'table']);
    const rows = blocks[1]?.rows ?? [];
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.length === 4)).toBe(true);
    // Column 2 of row 5 (rows count the header as row 1).
    expect(rows[4]?.[1]).toBe('r4c2');
    expect(rows[3]).toEqual(['r3c1', 'r3c2', '', 'r3c4']);
  });

  it('reads a column of text beside a table as two columns, the table keeping its rows', () => {
    // The table's rows fall between the text's lines: they are no rows of one receipt.
    const page = [
      ...column('p', 40, 400, 20, 6),
      ...[0, 1, 2, 3].flatMap((r) =>
        [0, 1, 2].map((c) =>
          line(`r${r + 1}c${c + 1}`, 460 + c * 120, 35 + r * 30, 530 + c * 120, 55 + r * 30),
        ),
      ),
    ];
    const { order, blocks } = read(page);
    expect(order.slice(0, 7)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'r1c1']);
    expect(blocks.map((block) => `${block.kind} ${block.at}`)).toEqual(['text 1/2', 'table 2/2']);
    expect(blocks[1]?.rows?.[1]).toEqual(['r2c1', 'r2c2', 'r2c3']);
  });

  it('cuts text into paragraphs at gaps much wider than its line spacing', () => {
    const page = [...column('a', 40, 600, 10, 3), ...column('b', 40, 600, 130, 2)];
    expect(read(page).blocks.map((block) => block.lines.join(','))).toEqual(['a1,a2,a3', 'b1,b2']);
  });

  it('reads two lists of short lines side by side, not lined up, one after the other', () => {
    const page = [
      ...[0, 1, 2, 3].map((i) => line(`l${i + 1}`, 40, 10 + i * 40, 140, 30 + i * 40)),
      ...[0, 1, 2].map((i) => line(`r${i + 1}`, 400, 32 + i * 40, 470, 52 + i * 40)),
    ];
    expect(read(page).order).toEqual(['l1', 'l2', 'l3', 'l4', 'r1', 'r2', 'r3']);
  });

  it('has no blocks on an empty page, one for a single line', () => {
    expect(layoutPage([])).toEqual({ order: [], blocks: [] });
    expect(read([line('only', 5, 5, 50, 20)]).blocks).toEqual([
      { kind: 'text', at: '1/1', lines: ['only'], rows: undefined },
    ]);
  });
});
