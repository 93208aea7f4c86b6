import type { Boxed } from './layout/boxes.js';
import { layoutPage } from './layout/page-layout.js';

export type { Boxed } from './layout/boxes.js';

/**
 * Orders text lines as a person reads them (see {@link layoutPage}): blocks top to bottom, columns
 * one after another, and rows left to right, so a receipt's item is followed by its price.
 */
export function readingOrder<T extends Boxed>(items: readonly T[]): T[] {
  return layoutPage(items).order.map((i) => items[i] as T);
}
