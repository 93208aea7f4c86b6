import type { PageKind, PageLayout, TextPage } from './layout.js';
import { type DrawnText, drawPage } from './raster.js';

/** A line to stack: what to draw, without its place. */
export type StackedLine = Omit<DrawnText, 'x' | 'y' | 'area'>;

/**
 * Lines one under another at `x`, each 1.6× its size below the one before (from `top`), each one's
 * ink measured between the previous line's descenders and its own. `bottom` is the last baseline.
 */
export function stackLines(
  lines: readonly StackedLine[],
  { x, top, width }: { x: number; top: number; width: number },
): { texts: DrawnText[]; bottom: number } {
  let y = top;
  let areaTop = 0;
  const texts = lines.map((line) => {
    y += Math.round(line.size * 1.6);
    const areaBottom = y + Math.ceil(line.size * 0.3);
    const text = { ...line, x, y, area: { x: 0, y: areaTop, width, height: areaBottom - areaTop } };
    areaTop = areaBottom;
    return text;
  });
  return { texts, bottom: y };
}

/** What a kind of page draws: its runs of text, any rules or shading, and its layout beyond the lines. */
export interface PageDrawing {
  kind: PageKind;
  seed: number;
  width: number;
  height: number;
  texts: readonly DrawnText[];
  graphics?: string;
  /** The reference text; by default the drawn runs, one a line, in the order drawn. */
  text?: string;
  layout?: Omit<PageLayout, 'lines'>;
}

/** Draws a page (PNG) and gives it with its reference text and layout, each line's ink box measured. */
export async function drawnTextPage(page: PageDrawing): Promise<TextPage> {
  const { kind, seed, width, height } = page;
  const { png, lines } = await drawPage(width, height, page.texts, page.graphics);
  return {
    kind,
    seed,
    image: png,
    mime: 'image/png',
    width,
    height,
    text: page.text ?? lines.map((line) => line.text).join('\n'),
    layout: { lines, ...page.layout },
  };
}
