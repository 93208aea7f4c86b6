import type { PageBox, TextPage } from './layout.js';
import { drawnTextPage } from './page.js';
import { between, pick, seededRandom, shuffled } from './random.js';
import type { DrawnText } from './raster.js';

const OFFICES = (
  'Oslo Lisbon London Berlin Paris Tokyo Madrid Vienna Prague Dublin Zurich Warsaw Athens Helsinki ' +
  'Geneva Milan Porto Bergen Lyon Hamburg Seville Krakow Tallinn Riga'
).split(' ');
const ITEMS = [
  'Drill bits 10 mm',
  'Wall plugs (100)',
  'Cable ties, black',
  'Still water 24 x 0.5 l',
  'Printer paper A4',
  'Spirit level 60 cm',
  'Safety gloves, size L',
  'LED bulb 9 W',
  'Screws 4 x 40 (200)',
  'Hinges, steel',
  'Masking tape 50 m',
  'Fill compound 1 kg',
  'Extension lead 5 m',
  'Paint roller set',
  'Sandpaper P120 (10)',
  'Shelf bracket',
];
const FAMILIES = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Condensed'];

const money = (value: number, digits: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A statistics table (offices by quarter, with totals) or an invoice (quantity × price, VAT, gross). */
function tableText(random: () => number, rowCount: number): { title: string; rows: string[][] } {
  if (random() < 0.5) {
    const offices = shuffled(random, OFFICES).slice(0, rowCount);
    const rows = offices.map((office) => {
      const quarters = Array.from({ length: 4 }, () => between(random, 1000, 99999) / 10);
      const total = quarters.reduce((sum, value) => sum + value, 0);
      return [office, ...quarters.map((value) => money(value, 1)), money(total, 1)];
    });
    const title = `Revenue by office, 20${between(random, 30, 39)} (EUR thousands)`;
    return { title, rows: [['Office', 'Q1', 'Q2', 'Q3', 'Q4', 'Total'], ...rows] };
  }
  const items = shuffled(random, ITEMS).slice(0, rowCount);
  const rows = items.map((item) => {
    const quantity = between(random, 1, 48);
    const cents = quantity * between(random, 50, 25000);
    const vat = Math.round(cents * 0.2);
    return [
      item,
      String(quantity),
      money(cents / quantity / 100, 2),
      money(cents / 100, 2),
      money(vat / 100, 2),
    ].concat(money((cents + vat) / 100, 2));
  });
  const title = `Invoice ${between(random, 10000, 99999)}, ${between(random, 1, 28)}/${between(random, 1, 12)}/20${between(random, 30, 39)}`;
  return { title, rows: [['Item', 'Qty', 'Unit price', 'Net', 'VAT 20%', 'Gross'], ...rows] };
}

/**
 * A ruled table of 13 rows × 6 columns under a header row and a title: grid lines, the first column
 * left-aligned, numbers right-aligned. Reading order: the title, then row by row, cells left to right.
 */
export async function tablePage(seed: number): Promise<TextPage> {
  const random = seededRandom(0x7ab1e + seed * 7919);
  const { title, rows } = tableText(random, 13);
  const font = pick(random, FAMILIES);
  const size = between(random, 15, 17);
  const widths = [230, 116, 116, 116, 116, 116];
  const rowHeight = Math.round(size * 2.1);
  const left = 40;
  const tableTop = 90;
  const width = left * 2 + widths.reduce((sum, w) => sum + w, 0);
  const height = tableTop + rows.length * rowHeight + 50;
  const texts: DrawnText[] = [
    { text: title, x: left, y: 60, font, size: 20, weight: 'bold', area: { x: 0, y: 30, width, height: 50 } },
  ];
  const cells: PageBox[][] = rows.map((cellTexts, row) => {
    const y = tableTop + row * rowHeight;
    let x = left;
    return cellTexts.map((text, column) => {
      const cell = { x, y, width: widths[column] as number, height: rowHeight };
      x += cell.width;
      const baseline = y + Math.round(rowHeight / 2 + size * 0.36);
      const area = { x: cell.x + 3, y: cell.y + 3, width: cell.width - 5, height: cell.height - 5 };
      const weight = row === 0 ? ('bold' as const) : ('normal' as const);
      texts.push(
        column === 0
          ? { text, x: cell.x + 10, y: baseline, font, size, weight, area, row, column }
          : {
              text,
              x: cell.x + cell.width - 10,
              y: baseline,
              font,
              size,
              weight,
              anchor: 'end',
              area,
              row,
              column,
            },
      );
      return cell;
    });
  });
  const box = { x: left, y: tableTop, width: width - 2 * left, height: rows.length * rowHeight };
  // Rules on half pixels so that each is one crisp pixel wide; the header's lower rule is doubled.
  const rules = [
    ...Array.from(
      { length: rows.length + 1 },
      (_, i) => `M${box.x} ${box.y + i * rowHeight + 0.5}h${box.width}`,
    ),
    `M${box.x} ${box.y + rowHeight + 1.5}h${box.width}`,
    ...[0, ...widths].map((_, i) => {
      const x = box.x + widths.slice(0, i).reduce((sum, w) => sum + w, 0);
      return `M${Math.min(x, box.x + box.width - 1) + 0.5} ${box.y}v${box.height + 1}`;
    }),
  ];
  const graphics =
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${rowHeight}" fill="#e4e4e4"/>` +
    `<path d="${rules.join('')}" stroke="#000" stroke-width="1" fill="none" shape-rendering="crispEdges"/>`;
  return drawnTextPage({
    kind: 'table',
    seed,
    width,
    height,
    texts,
    graphics,
    text: [title, ...rows.map((cellTexts) => cellTexts.join(' '))].join('\n'),
    layout: { table: { box, rows, cells } },
  });
}
