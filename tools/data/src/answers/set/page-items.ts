import type { Random } from '../../prng.js';
import type { DrawnItem } from './shape-items.js';

export const PAGE = { width: 2400, height: 3200 } as const;
const LINE = { size: 34, height: 56, left: 150, chars: 100 };
const BOX = { width: 320, height: 72, text: 18 };
// Letters and digits no one confuses with another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
const CODE_ALPHABET = 'ACDEFHJKMNPRTUVWXY34679';
const WORDS =
  'the report notes that each team met its plan for the season while costs rose in two regions and sales held steady across most markets with new staff joining in spring and summer'.split(
    ' ',
  );

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fillerLine(random: Random): string {
  const words: string[] = [];
  while (words.join(' ').length < LINE.chars - 12) words.push(random.pick(WORDS));
  return words.join(' ');
}

/**
 * A 2400 × 3200 page of body text with a small boxed label (18 px on the page) somewhere: a code
 * of six letters and digits, or a five-digit reference number. Scaled to what a model sees, the
 * label is a few pixels high, so reading it takes zooming in or reading the text with a tool.
 */
export function smallTextItem(random: Random, n: number): DrawnItem {
  const isCode = n % 2 === 0;
  const value = isCode
    ? Array.from({ length: 6 }, () => random.pick([...CODE_ALPHABET])).join('')
    : String(10000 + random.below(90000));
  const label = isCode ? `code: ${value}` : `ref no. ${value}`;
  const boxX = LINE.left + random.below(PAGE.width - 2 * LINE.left - BOX.width);
  const boxY = 320 + random.below(PAGE.height - 560 - BOX.height);
  const lines: string[] = [];
  for (let y = 300; y < PAGE.height - 180; y += LINE.height) {
    // Lines the box would cover are left out, so the label sits on clear paper.
    if (y + 14 > boxY - 24 && y - LINE.size < boxY + BOX.height + 24) continue;
    lines.push(
      `<text x="${LINE.left}" y="${y}" font-family="DejaVu Sans" font-size="${LINE.size}" fill="#333">${escapeXml(fillerLine(random))}</text>`,
    );
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<text x="${LINE.left}" y="200" font-family="DejaVu Sans" font-size="72" font-weight="bold" fill="#111">Season report ${n + 1}</text>` +
    lines.join('') +
    `<rect x="${boxX}" y="${boxY}" width="${BOX.width}" height="${BOX.height}" fill="#f4f4f4" stroke="#666" stroke-width="2"/>` +
    `<text x="${boxX + 16}" y="${boxY + BOX.height / 2 + BOX.text / 3}" font-family="DejaVu Sans Mono" font-size="${BOX.text}" fill="#000">${escapeXml(label)}</text>` +
    `</svg>`;
  const id = `small-text-${n + 1}`;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    item: {
      id,
      image: `${id}.png`,
      question: isCode
        ? 'What is the code printed in the small box on this page?'
        : 'What is the reference number printed in the small box on this page?',
      answer: isCode ? { kind: 'text', value } : { kind: 'number', value: Number(value) },
      category: 'small-text',
      expectedTools: ['zoom_in', 'crop', 'read_text'],
      region: [
        round(boxX / PAGE.width),
        round(boxY / PAGE.height),
        round((boxX + BOX.width) / PAGE.width),
        round((boxY + BOX.height) / PAGE.height),
      ],
    },
    svg,
  };
}
