import type { TextPage } from './layout.js';
import { drawnTextPage } from './page.js';
import { between, pick, seededRandom, shuffled } from './random.js';
import type { DrawnText } from './raster.js';

const SHOPS = [
  'Drill & Fill Hardware',
  "Miller's Market",
  'Still Waters Cafe',
  'The Small Bakery',
  'Hill Street Deli',
];
const STREETS = ['Garden Street', 'River Road', 'Station Square', 'Market Hill', 'Mill Lane'];
const CITIES = ['Oslo', 'Lisbon', 'London', 'Berlin', 'Paris', 'Dublin'];
const ITEMS = [
  'Coffee beans 250g',
  'Milk 1 l',
  'Sourdough loaf',
  'Still water 1.5 l',
  'Butter, salted',
  'Eggs (6)',
  'Apples 1 kg',
  'Tea "Earl Grey"',
  'Drill bit 8 mm',
  'Light bulb 9 W',
  'Croissant',
  'Orange juice',
  "Baker's flour 2 kg",
  'Dish soap',
];
const MONO = 'DejaVu Sans Mono';
// DejaVu Sans Mono advances 1233/2048 em per character, bold included: its widths are known exactly.
const MONO_ADVANCE = 1233 / 2048;

const amount = (cents: number) => (cents / 100).toFixed(2);

/**
 * A narrow till receipt in a monospaced font: the shop's name, address and date, item lines with the price
 * right-aligned on the same row, subtotal, VAT, total and payment, dashed rules between the sections.
 * Reading order: row by row, left to right.
 */
export async function receiptPage(seed: number): Promise<TextPage> {
  const random = seededRandom(0x7ec + seed * 7919);
  const width = 420;
  const margin = 24;
  const size = between(random, 14, 16);
  const leading = Math.round(size * 1.6);
  const items = shuffled(random, ITEMS)
    .slice(0, between(random, 5, 10))
    .map((name) => {
      const count = random() < 0.3 ? between(random, 2, 4) : 1;
      const cents = count * between(random, 45, 1500);
      return { left: count > 1 ? `${count} x ${name}` : name, right: amount(cents), cents };
    });
  const total = items.reduce((sum, item) => sum + item.cents, 0);
  const date = `${between(random, 1, 28)}/${between(random, 1, 12)}/20${between(random, 30, 39)}`;
  const time = `${between(random, 7, 21)}:${String(between(random, 0, 59)).padStart(2, '0')}`;
  type Row = { left: string; right?: string; centred?: boolean; bold?: boolean; ruleAfter?: boolean };
  const rows: Row[] = [
    { left: pick(random, SHOPS), centred: true, bold: true },
    { left: `${between(random, 1, 99)} ${pick(random, STREETS)}, ${pick(random, CITIES)}`, centred: true },
    {
      left: `Tel 0${between(random, 20, 99)} 555 ${between(random, 1000, 9999)}`,
      centred: true,
      ruleAfter: true,
    },
    { left: `Date ${date}`, right: time },
    {
      left: `Receipt ${between(random, 100000, 999999)}`,
      right: `Till ${between(random, 1, 6)}`,
      ruleAfter: true,
    },
    ...items.map(({ left, right }, i) => ({ left, right, ruleAfter: i === items.length - 1 })),
    { left: 'Subtotal', right: amount(total) },
    { left: 'incl. VAT 20%', right: amount(Math.round(total / 6)) },
    { left: 'TOTAL', right: amount(total), bold: true },
    { left: random() < 0.6 ? 'Card' : 'Cash', right: amount(total), ruleAfter: true },
    { left: 'Thank you, please call again!', centred: true },
  ];
  const texts: DrawnText[] = [];
  const rules: string[] = [];
  let y = 20;
  rows.forEach((row, index) => {
    y += leading;
    const band = { y: y - size, height: size + Math.ceil(size * 0.3) };
    if (row.centred) {
      const font = index === 0 ? 'DejaVu Sans' : MONO;
      const drawnSize = index === 0 ? size + 6 : size;
      const area = { x: 0, y: y - drawnSize, width, height: drawnSize + Math.ceil(drawnSize * 0.3) };
      const weight = row.bold ? ('bold' as const) : ('normal' as const);
      texts.push({
        text: row.left,
        x: width / 2,
        y,
        font,
        size: drawnSize,
        weight,
        anchor: 'middle',
        area,
        row: index,
      });
    } else {
      const weight = row.bold ? ('bold' as const) : ('normal' as const);
      const leftWidth = Math.ceil(row.left.length * size * MONO_ADVANCE) + 4;
      texts.push({
        text: row.left,
        x: margin,
        y,
        font: MONO,
        size,
        weight,
        area: { x: margin - 4, width: leftWidth + 4, ...band },
        row: index,
        column: 0,
      });
      if (row.right) {
        const rightWidth = Math.ceil(row.right.length * size * MONO_ADVANCE) + 4;
        const area = { x: width - margin - rightWidth, width: rightWidth + 4, ...band };
        texts.push({
          text: row.right,
          x: width - margin,
          y,
          font: MONO,
          size,
          weight,
          anchor: 'end',
          area,
          row: index,
          column: 1,
        });
      }
    }
    if (row.ruleAfter) {
      rules.push(`M${margin} ${y + Math.round(size * 0.7) + 0.5}h${width - 2 * margin}`);
      y += Math.round(leading * 0.8);
    }
  });
  const height = y + 30;
  const graphics = `<path d="${rules.join('')}" stroke="#000" stroke-width="1" stroke-dasharray="4 3" fill="none"/>`;
  const pairs = rows.map(({ left, right }) => (right ? { left, right } : { left }));
  return drawnTextPage({
    kind: 'receipt',
    seed,
    width,
    height,
    texts,
    graphics,
    text: pairs.map(({ left, right }) => (right ? `${left} ${right}` : left)).join('\n'),
    layout: { receipt: { rows: pairs } },
  });
}
