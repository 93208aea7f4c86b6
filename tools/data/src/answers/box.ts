import type { Box } from '@mmskills/core';

const NUM = '(-?\\d*\\.?\\d+)';
const SEP = '\\s*[,;]?\\s*';
// Four numbers in square or round brackets, as LLaVA-Plus writes boxes: [0.1, 0.2, 0.5, 0.6].
const BOX = new RegExp(`[[(]\\s*${NUM}${SEP}${NUM}${SEP}${NUM}${SEP}${NUM}\\s*[\\])]`, 'g');

/**
 * The first box `[x1, y1, x2, y2]` in a text whose four numbers all lie in 0..1 (a normalised box;
 * pixel boxes are passed over, since the scorer does not know the picture's size). Corners given
 * in the other order are swapped, so `[0.5, 0.6, 0.1, 0.2]` reads as `[0.1, 0.2, 0.5, 0.6]`.
 */
export function findBox(text: string): Box | undefined {
  for (const match of text.matchAll(BOX)) {
    const numbers = match.slice(1, 5).map(Number);
    if (numbers.some((value) => !Number.isFinite(value) || value < 0 || value > 1)) continue;
    const [x1, y1, x2, y2] = numbers as [number, number, number, number];
    return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
  }
  return undefined;
}
