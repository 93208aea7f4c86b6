import type { AnyBox } from '@mmskills/core';
import { type Rgb, textColourOn, toHex, toPixelRect } from '@mmskills/core';

/** A box to outline, with an optional caption above it. */
export interface BoxMark {
  box: AnyBox;
  caption?: string;
  colour: Rgb;
}

/** A point at normalised coordinates. */
export interface PointMark {
  x: number;
  y: number;
  colour: Rgb;
}

/** A line between two points, by index into {@link Overlay.points}. */
export interface LineMark {
  from: number;
  to: number;
  colour: Rgb;
}

/** Everything drawn as vector graphics over one image, bottom to top: boxes, lines, points. */
export interface Overlay {
  width: number;
  height: number;
  boxes: readonly BoxMark[];
  /** Points to mark; `undefined` holds the place of a hidden point (lines to it are skipped). */
  points: ReadonlyArray<PointMark | undefined>;
  lines: readonly LineMark[];
}

// XML 1.0 allows tab, newline and carriage return below 0x20, no lone surrogates, and not 0xFFFE/0xFFFF;
// escaping cannot make the others legal, so they are dropped.
function isXmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== 0xfffe && code !== 0xffff;
}

/** Text made safe as SVG character data: markup characters escaped, characters XML forbids removed. */
export function escapeXml(text: string): string {
  return [...text]
    .filter(isXmlChar)
    .join('')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Line width in pixels for an image of this size; at least 2 so outlines stay visible. */
export function strokeWidth(width: number, height: number): number {
  return Math.max(2, Math.round(Math.max(width, height) / 250));
}

function boxSvg(mark: BoxMark, width: number, height: number, stroke: number): string {
  const rect = toPixelRect(mark.box, width, height);
  const colour = toHex(mark.colour);
  // The stroke is centred on the path: inset by half its width so it covers whole pixels inside the box.
  const outline =
    rect.width > 2 * stroke && rect.height > 2 * stroke
      ? `<rect x="${rect.left + stroke / 2}" y="${rect.top + stroke / 2}" width="${rect.width - stroke}" ` +
        `height="${rect.height - stroke}" fill="none" stroke="${colour}" stroke-width="${stroke}"/>`
      : `<rect x="${rect.left}" y="${rect.top}" width="${rect.width}" height="${rect.height}" fill="${colour}"/>`;
  if (!mark.caption) return outline;
  const size = Math.max(11, Math.round(Math.max(width, height) / 45));
  const labelHeight = size + 6;
  // DejaVu Sans averages ~0.62 em per character; a rough width is enough for the caption's band.
  const labelWidth = Math.min(width, Math.ceil(mark.caption.length * size * 0.62) + 8);
  const x = Math.max(0, Math.min(rect.left, width - labelWidth));
  const y = rect.top >= labelHeight ? rect.top - labelHeight : rect.top;
  return (
    `${outline}<rect x="${x}" y="${y}" width="${labelWidth}" height="${labelHeight}" fill="${colour}"/>` +
    `<text x="${x + 4}" y="${y + size + 1}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${size}" ` +
    `fill="${toHex(textColourOn(mark.colour))}">${escapeXml(mark.caption)}</text>`
  );
}

/** An SVG document of `overlay.width` × `overlay.height` with boxes, captions, lines and points. */
export function overlaySvg(overlay: Overlay): string {
  const { width, height } = overlay;
  const stroke = strokeWidth(width, height);
  const radius = Math.max(2, Math.round(Math.max(width, height) / 180));
  const lines = overlay.lines.flatMap(({ from, to, colour }) => {
    const a = overlay.points[from];
    const b = overlay.points[to];
    if (!a || !b) return [];
    return `<line x1="${a.x * width}" y1="${a.y * height}" x2="${b.x * width}" y2="${b.y * height}" stroke="${toHex(colour)}" stroke-width="${stroke}"/>`;
  });
  const dots = overlay.points.flatMap((point) => {
    if (!point) return [];
    return `<circle cx="${point.x * width}" cy="${point.y * height}" r="${radius}" fill="${toHex(point.colour)}" stroke="#000000" stroke-width="1"/>`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" shape-rendering="crispEdges">` +
    overlay.boxes.map((mark) => boxSvg(mark, width, height, stroke)).join('') +
    `<g shape-rendering="auto" stroke-linecap="round">${lines.join('')}${dots.join('')}</g></svg>`
  );
}
