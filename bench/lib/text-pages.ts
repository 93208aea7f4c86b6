import sharp from 'sharp';

/** One drawn line of a page: its text, and the font it was drawn in. */
export interface PageLine {
  text: string;
  font: string;
  size: number;
  weight: 'normal' | 'bold';
  style: 'normal' | 'italic';
}

/** A rendered page with the text drawn on it, line by line. */
export interface TextPage {
  width: number;
  height: number;
  lines: PageLine[];
  text: string;
  png: Buffer;
}

const FONTS = [
  'DejaVu Sans',
  'DejaVu Serif',
  'DejaVu Sans Mono',
  'DejaVu Sans Condensed',
  'DejaVu Serif Condensed',
];
const SIZES = [16, 18, 20, 22, 24, 28, 32];
// Advance width per pixel of font size, generous so that no line runs off the page.
const ADVANCE: Record<string, number> = {
  'DejaVu Sans': 0.64,
  'DejaVu Serif': 0.66,
  'DejaVu Sans Mono': 0.62,
  'DejaVu Sans Condensed': 0.58,
  'DejaVu Serif Condensed': 0.6,
};
const WORDS = (
  'the of and to in is for on that with as by from at this be are was not or an have which all their ' +
  'report order invoice total amount payment account customer service delivery address number date ' +
  'meeting project budget quarter revenue growth market price value system network update version ' +
  'review summary results method sample data table figure section chapter page note contact support ' +
  'office building street station river garden window morning evening weather storm travel ticket ' +
  'Monday Friday March October London Berlin Paris Tokyo Oslo Lisbon Alice Brown Miller Garcia Chen ' +
  'please return before after during between against without under above quickly carefully ' +
  'received shipped approved signed opened closed checked printed measured reported expected'
).split(' ');

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function token(random: () => number): string {
  const roll = random();
  if (roll < 0.08) return `${Math.floor(random() * 9000) + 100}`;
  if (roll < 0.12) return `$${(random() * 5000).toFixed(2)}`;
  if (roll < 0.15)
    return `${Math.floor(random() * 28) + 1}/${Math.floor(random() * 12) + 1}/20${Math.floor(random() * 30) + 10}`;
  if (roll < 0.17) return `${(random() * 100).toFixed(1)}%`;
  if (roll < 0.19) return `(${pick(random, WORDS)})`;
  const word = pick(random, WORDS);
  const punctuation = random();
  return punctuation < 0.08 ? `${word},` : punctuation < 0.11 ? `${word}:` : word;
}

function lineText(random: () => number, maxChars: number): string {
  const words = [pick(random, WORDS).replace(/^./, (c) => c.toUpperCase())];
  const target = Math.floor(maxChars * (0.55 + random() * 0.45));
  for (;;) {
    const next = token(random);
    if (words.join(' ').length + 1 + next.length > target) break;
    words.push(next);
  }
  return random() < 0.5 ? `${words.join(' ')}.` : words.join(' ');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Page `index` of a deterministic set: 12–16 left-aligned lines of black text on white, each in one of
 * five DejaVu families at 16–32 px (some bold, some italic), drawn as SVG and rasterised by sharp.
 */
export async function renderTextPage(index: number, width = 1000): Promise<TextPage> {
  const random = seededRandom(0x5eed + index * 7919);
  const count = 12 + Math.floor(random() * 5);
  const lines: PageLine[] = Array.from({ length: count }, () => {
    const font = pick(random, FONTS);
    const size = pick(random, SIZES);
    const maxChars = Math.floor((width - 80) / (size * (ADVANCE[font] ?? 0.66)));
    return {
      text: lineText(random, maxChars),
      font,
      size,
      weight: random() < 0.2 ? 'bold' : 'normal',
      style: random() < 0.15 && !font.includes('Mono') ? 'italic' : 'normal',
    };
  });
  let y = 30;
  const svgLines = lines.map((line) => {
    y += Math.round(line.size * 1.6);
    return (
      `<text x="40" y="${y}" font-family="${line.font}" font-size="${line.size}" ` +
      `font-weight="${line.weight}" font-style="${line.style}" fill="#000">${escapeXml(line.text)}</text>`
    );
  });
  const height = y + 40;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${svgLines.join('')}</svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return { width, height, lines, text: lines.map((line) => line.text).join('\n'), png };
}
