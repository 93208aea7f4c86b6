import { columnsPage } from './columns.js';
import type { PageKind, TextPage } from './layout.js';
import { photoPage } from './photo.js';
import { prosePage } from './prose.js';
import { receiptPage } from './receipt.js';
import { smallPage } from './small.js';
import { tablePage } from './table.js';

const KINDS: Record<PageKind, (seed: number) => Promise<TextPage>> = {
  prose: prosePage,
  columns: columnsPage,
  table: tablePage,
  small: smallPage,
  receipt: receiptPage,
  photo: photoPage,
};

/**
 * Page `seed` of a kind, drawn by code (SVG in DejaVu fonts rasterised by sharp): the same seed always gives
 * the same picture, reference text (in reading order) and layout.
 * @see ../../../../bench/README.md#ocr-read_text-against-tesseractjs
 */
export function renderTextPage(kind: PageKind, seed: number): Promise<TextPage> {
  return KINDS[kind](seed);
}

/** A page's picture as a `data:` URI, as tools take images. */
export function pageDataUri(page: TextPage): string {
  return `data:${page.mime};base64,${page.image.toString('base64')}`;
}
