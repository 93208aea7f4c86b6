import type { TextPage } from './layout.js';
import { between, pick, seededRandom } from './random.js';
import { type DrawnText, drawPage } from './raster.js';
import { ADVANCE, lineText } from './vocabulary.js';

const FAMILIES = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Condensed', 'DejaVu Sans Mono'];
const SIZES = [10, 11, 11, 11, 12];

/** 28–36 left-aligned lines at 10–12 px (mostly 11), as in footnotes, forms and dense reports. */
export async function smallPage(seed: number): Promise<TextPage> {
  const random = seededRandom(0x5a11 + seed * 7919);
  const width = 800;
  const count = between(random, 28, 36);
  let y = 24;
  let areaTop = 0;
  const texts: DrawnText[] = Array.from({ length: count }, () => {
    const font = pick(random, FAMILIES);
    const size = pick(random, SIZES);
    const maxChars = Math.floor((width - 60) / (size * (ADVANCE[font] ?? 0.66)));
    const text = lineText(random, maxChars, true);
    const weight = random() < 0.1 ? ('bold' as const) : ('normal' as const);
    y += Math.round(size * 1.6);
    const areaBottom = y + Math.ceil(size * 0.3);
    const area = { x: 0, y: areaTop, width, height: areaBottom - areaTop };
    areaTop = areaBottom;
    return { text, x: 30, y, font, size, weight, area };
  });
  const height = y + 30;
  const { png, lines } = await drawPage(width, height, texts);
  return {
    kind: 'small',
    seed,
    image: png,
    mime: 'image/png',
    width,
    height,
    text: lines.map((line) => line.text).join('\n'),
    layout: { lines },
  };
}
