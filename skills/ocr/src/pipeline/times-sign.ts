import { hasCjk } from './half-width.js';

const TIMES = /×/g;

/**
 * A `×` the recogniser read between a count and a word, turned back into the letter it was
 * typed as: `4 × Eggs` → `4 x Eggs`, `e×tra` → `extra`. The Chinese recogniser has both shapes and
 * picks the sign for a lone `x` in a monospaced receipt line. A sign with a digit on each side
 * (`2 × 3`, `1920×1080`) stays: there it is what was printed. Lines with CJK text are left alone.
 */
export function letterForTimesSign(text: string): string {
  if (!text.includes('×') || hasCjk(text)) return text;
  return text.replace(TIMES, (sign, at: number) => {
    const before = text.slice(0, at).trimEnd().at(-1) ?? '';
    const after = text.slice(at + sign.length).trimStart()[0] ?? '';
    return /\d/.test(before) && /\d/.test(after) ? sign : 'x';
  });
}
