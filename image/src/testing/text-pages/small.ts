import type { TextPage } from './layout.js';
import { drawnTextPage, stackLines } from './page.js';
import { between, pick, seededRandom } from './random.js';
import { ADVANCE, lineText } from './vocabulary.js';

const FAMILIES = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Condensed', 'DejaVu Sans Mono'];
const SIZES = [10, 11, 11, 11, 12];

/** 28–36 left-aligned lines at 10–12 px (mostly 11), as in footnotes, forms and dense reports. */
export async function smallPage(seed: number): Promise<TextPage> {
  const random = seededRandom(0x5a11 + seed * 7919);
  const width = 800;
  const count = between(random, 28, 36);
  const drawn = Array.from({ length: count }, () => {
    const font = pick(random, FAMILIES);
    const size = pick(random, SIZES);
    const maxChars = Math.floor((width - 60) / (size * (ADVANCE[font] ?? 0.66)));
    const text = lineText(random, maxChars, true);
    const weight = random() < 0.1 ? ('bold' as const) : ('normal' as const);
    return { text, font, size, weight };
  });
  const { texts, bottom } = stackLines(drawn, { x: 30, top: 24, width });
  return drawnTextPage({ kind: 'small', seed, width, height: bottom + 30, texts });
}
