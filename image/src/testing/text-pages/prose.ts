import type { TextPage } from './layout.js';
import { drawnTextPage, stackLines } from './page.js';
import { pick, seededRandom } from './random.js';
import type { DrawnText } from './raster.js';
import { ADVANCE, FONTS, lineText } from './vocabulary.js';

const SIZES = [16, 18, 20, 22, 24, 28, 32];

/**
 * 12–16 left-aligned lines of black text on white, each in one of five DejaVu families at 16–32 px (some
 * bold, some italic). With `rich` the words include quotes, apostrophes and `ll` words (a different page).
 */
export function proseLines(
  seed: number,
  width: number,
  rich: boolean,
): { texts: DrawnText[]; height: number } {
  const random = seededRandom(0x5eed + seed * 7919);
  const count = 12 + Math.floor(random() * 5);
  const drawn = Array.from({ length: count }, () => {
    const font = pick(random, FONTS);
    const size = pick(random, SIZES);
    const maxChars = Math.floor((width - 80) / (size * (ADVANCE[font] ?? 0.66)));
    return {
      text: lineText(random, maxChars, rich),
      font,
      size,
      weight: random() < 0.2 ? ('bold' as const) : ('normal' as const),
      style: random() < 0.15 && !font.includes('Mono') ? ('italic' as const) : ('normal' as const),
    };
  });
  const { texts, bottom } = stackLines(drawn, { x: 40, top: 30, width });
  return { texts, height: bottom + 40 };
}

/** The OCR benchmark's prose page `seed`, the same pixels as the benchmark has drawn since it began. */
export async function prosePage(seed: number): Promise<TextPage> {
  const width = 1000;
  const { texts, height } = proseLines(seed, width, false);
  return drawnTextPage({ kind: 'prose', seed, width, height, texts });
}
