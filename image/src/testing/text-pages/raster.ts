import sharp from 'sharp';
import type { LayoutLine, PageBox } from './layout.js';

/** A run of text to draw: where its baseline starts, and how. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  font: string;
  size: number;
  weight?: 'normal' | 'bold';
  style?: 'normal' | 'italic';
  anchor?: 'start' | 'middle' | 'end';
  /** Degrees clockwise about the baseline's start. */
  rotate?: number;
}

/** A run of text on a generated page, and the area its ink must lie in (where its box is measured). */
export interface DrawnText extends TextRun {
  area: PageBox;
  column?: number;
  row?: number;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

// Attribute order as the first OCR benchmark wrote it, so that its prose pages render the same.
export function textElement(line: TextRun): string {
  const anchor = line.anchor && line.anchor !== 'start' ? ` text-anchor="${line.anchor}"` : '';
  const turn = line.rotate ? ` transform="rotate(${line.rotate} ${line.x} ${line.y})"` : '';
  return (
    `<text x="${line.x}" y="${line.y}" font-family="${line.font}" font-size="${line.size}" ` +
    `font-weight="${line.weight ?? 'normal'}" font-style="${line.style ?? 'normal'}"${anchor}${turn} fill="#000">` +
    `${escapeXml(line.text)}</text>`
  );
}

export function svgPage(width: number, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${body}</svg>`
  );
}

/** A grey level below this is ink (anti-aliased edges lighter than it are not). */
export const INK = 160;

/** The bounds of the ink inside `area`, or undefined where there is none. */
export function inkBounds(
  gray: Uint8Array,
  width: number,
  height: number,
  area: PageBox,
): PageBox | undefined {
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = -1;
  let bottom = -1;
  const x1 = Math.min(width, area.x + area.width);
  const y1 = Math.min(height, area.y + area.height);
  for (let y = Math.max(0, area.y); y < y1; y++) {
    const row = y * width;
    for (let x = Math.max(0, area.x); x < x1; x++) {
      if ((gray[row + x] as number) >= INK) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      bottom = y;
    }
  }
  return right < 0 ? undefined : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** Black runs of text on a white page, as a PNG (an SVG rasterised by sharp's librsvg). */
export function renderRuns(
  width: number,
  height: number,
  runs: readonly TextRun[],
  graphics = '',
): Promise<Buffer> {
  return sharp(Buffer.from(svgPage(width, height, graphics + runs.map(textElement).join(''))))
    .png()
    .toBuffer();
}

/** Rasterises the SVG (sharp's librsvg) to PNG and measures each drawn run's ink box. */
export async function drawPage(
  width: number,
  height: number,
  texts: readonly DrawnText[],
  graphics = '',
): Promise<{ png: Buffer; gray: Buffer; lines: LayoutLine[] }> {
  const png = await renderRuns(width, height, texts, graphics);
  const gray = await sharp(png).flatten({ background: '#fff' }).greyscale().raw().toBuffer();
  const lines = texts.map((drawn) => {
    const box = inkBounds(gray, width, height, drawn.area);
    if (!box) throw new Error(`no ink drawn for "${drawn.text}" in ${JSON.stringify(drawn.area)}`);
    return {
      text: drawn.text,
      box,
      font: drawn.font,
      size: drawn.size,
      ...(drawn.column !== undefined && { column: drawn.column }),
      ...(drawn.row !== undefined && { row: drawn.row }),
    };
  });
  return { png, gray, lines };
}
