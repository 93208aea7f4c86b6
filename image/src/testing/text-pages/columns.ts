import type { PageBox, TextPage } from './layout.js';
import { drawnTextPage } from './page.js';
import { between, pick, seededRandom } from './random.js';
import type { DrawnText } from './raster.js';
import { ADVANCE, sentenceWords } from './vocabulary.js';

const FAMILIES = ['DejaVu Serif', 'DejaVu Sans', 'DejaVu Serif Condensed', 'DejaVu Sans Condensed'];

/** Words wrapped into lines of at most `maxChars`; a paragraph's last line is short and ends a sentence. */
function wrapParagraph(next: () => string, maxChars: number, lineCount: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (;;) {
    const word = next();
    const last = lines.length >= lineCount - 1;
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
    if (last && word.endsWith('.') && line.length > maxChars * 0.3) {
      lines.push(line);
      return lines;
    }
  }
}

/**
 * Two or three columns of running prose side by side (one font per page, 15–20 px), paragraphs
 * separated by half a line. Reading order: column 1 top to bottom, then column 2, then column 3.
 */
export async function columnsPage(seed: number): Promise<TextPage> {
  const random = seededRandom(0xc01 + seed * 7919);
  const count = random() < 0.7 ? 2 : 3;
  const width = count === 2 ? 1000 : 1200;
  const margin = 40;
  const gutter = count === 2 ? 44 : 32;
  const columnWidth = Math.floor((width - 2 * margin - (count - 1) * gutter) / count);
  const font = pick(random, FAMILIES);
  const size = count === 2 ? between(random, 17, 20) : between(random, 15, 17);
  const leading = Math.round(size * 1.45);
  // Running prose averages narrower than the generous advance; the test checks each gutter's middle stays blank.
  const maxChars = Math.floor(columnWidth / (size * 0.88 * (ADVANCE[font] ?? 0.66)));
  const linesPerColumn = between(random, 22, 30);
  const next = sentenceWords(random);
  // The prose flows on from the foot of one column to the head of the next; the last column may be shorter.
  const total =
    (count - 1) * linesPerColumn + between(random, Math.ceil(linesPerColumn * 0.6), linesPerColumn);
  const flow: Array<{ text: string; endsParagraph: boolean }> = [];
  while (flow.length < total) {
    const paragraph = wrapParagraph(next, maxChars, between(random, 3, 8));
    for (const [i, text] of paragraph.entries())
      flow.push({ text, endsParagraph: i === paragraph.length - 1 });
  }
  const top = 40;
  const texts: DrawnText[] = [];
  const columns: PageBox[] = [];
  let bottom = 0;
  for (let column = 0; column < count; column++) {
    const x = margin + column * (columnWidth + gutter);
    let y = top;
    for (const line of flow.slice(column * linesPerColumn, Math.min(total, (column + 1) * linesPerColumn))) {
      y += leading;
      // Ink up to the gutter's middle still counts as the column's; the test checks the middle stays blank.
      const area = {
        x: x - gutter / 2,
        y: y - size,
        width: columnWidth + gutter,
        height: size + Math.ceil(size * 0.3),
      };
      texts.push({ text: line.text, x, y, font, size, area, column });
      if (line.endsParagraph) y += Math.round(leading / 2);
    }
    bottom = Math.max(bottom, y);
    columns.push({ x, y: top, width: columnWidth, height: y + Math.ceil(size * 0.3) - top });
  }
  const height = bottom + 40;
  return drawnTextPage({ kind: 'columns', seed, width, height, texts, layout: { columns } });
}
