import sharp from 'sharp';
import type { LayoutLine, PageBox } from './layout.js';

/** A run of text to draw, and the area its ink must lie in (where its box is measured). */
export interface DrawnText {
  text: string;
  x: number;
  y: number;
  font: string;
  size: number;
  weight?: 'normal' | 'bold';
  style?: 'normal' | 'italic';
  anchor?: 'start' | 'middle' | 'end';
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
export function textElement(line: DrawnText): string {
  const anchor = line.anchor && line.anchor !== 'start' ? ` text-anchor="${line.anchor}"` : '';
  return (
    `<text x="${line.x}" y="${line.y}" font-family="${line.font}" font-size="${line.size}" ` +
    `font-weight="${line.weight ?? 'normal'}" font-style="${line.style ?? 'normal'}"${anchor} fill="#000">` +
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

/** Rasterises the SVG (sharp's librsvg) to PNG and measures each drawn run's ink box. */
export async function drawPage(
  width: number,
  height: number,
  texts: readonly DrawnText[],
  graphics = '',
): Promise<{ png: Buffer; gray: Buffer; lines: LayoutLine[] }> {
  const svg = svgPage(width, height, graphics + texts.map(textElement).join(''));
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
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
