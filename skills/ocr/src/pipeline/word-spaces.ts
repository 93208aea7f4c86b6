import type { CtcChar } from './ctc-decode.js';

/** Where a line image has ink: per column, and the height of its text in rows. */
export interface InkProfile {
  columns: Uint8Array;
  textHeight: number;
}

/**
 * Which columns and rows of one line image hold ink, read from a single channel plane (any
 * scaling or polarity: a column or row is ink when its values spread over at least half of the
 * line's widest spread, so white-on-black reads like black-on-white).
 */
export function inkProfile(
  plane: Float32Array,
  offset: number,
  rowStride: number,
  width: number,
  height: number,
): InkProfile {
  const columnLow = new Float32Array(width).fill(Number.POSITIVE_INFINITY);
  const columnHigh = new Float32Array(width).fill(Number.NEGATIVE_INFINITY);
  const rowSpread = new Float64Array(height);
  for (let y = 0; y < height; y++) {
    const start = offset + y * rowStride;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let x = 0; x < width; x++) {
      const v = plane[start + x] ?? 0;
      if (v < low) low = v;
      if (v > high) high = v;
      if (v < (columnLow[x] ?? 0)) columnLow[x] = v;
      if (v > (columnHigh[x] ?? 0)) columnHigh[x] = v;
    }
    rowSpread[y] = width > 0 ? high - low : 0;
  }
  const columnSpread = Float64Array.from(columnHigh, (high, x) =>
    height > 0 ? high - (columnLow[x] ?? 0) : 0,
  );
  const widest = Math.max(0, ...columnSpread);
  const columns = Uint8Array.from(columnSpread, (s) => (widest > 0 && s >= widest / 2 ? 1 : 0));
  const rowWidest = Math.max(0, ...rowSpread);
  const rows = rowSpread.filter((s) => rowWidest > 0 && s >= rowWidest / 2).length;
  return { columns, textHeight: Math.max(1, rows) };
}

/** The widest run of ink-free columns in `[from, to)`. */
export function widestGap(columns: Uint8Array, from: number, to: number): number {
  let widest = 0;
  let run = 0;
  for (let x = Math.max(0, Math.floor(from)); x < Math.min(columns.length, Math.ceil(to)); x++) {
    run = columns[x] === 0 ? run + 1 : 0;
    widest = Math.max(widest, run);
  }
  return widest;
}

/**
 * A faint space: the model's space probability in the gap, times 10 to the power of `GAP_WEIGHT`
 * × (blank width / text height), at least `SPACE_SCORE`. First fitted on 30 rendered pages like the
 * benchmark's (16,466 character pairs, DejaVu fonts at 16–32 px, where a word space is about 0.32 em
 * and letters in a word rarely stand more than 0.15 em apart) with a weight of 8. Refitted with the
 * two rules below on the generated pages of issue 21 (six kinds, 10–32 px; 42,122 pairs in lines read
 * right but for spaces): a weight of 7 made 5 wrong spaces where 8 made 37 (`customer' s`, `Dril l`,
 * `a t` in 11 px text), and 5 where 8 made 26 on 26,005 pairs of other pages.
 */
const GAP_WEIGHT = 7;
const SPACE_SCORE = 6;
/**
 * English puts no space before closing punctuation or after an opening bracket, yet those gaps are
 * wide (`d ,`, `l )`): they were the only letter gaps that scored like word gaps, so they take a
 * space only where the model emitted one. So do underscores, which join the words of identifiers
 * (`zeros_like`) and sit faint and low in small scans, and apostrophes, whose small mark leaves a wide
 * blank in `we'll` and `it's` (none of 352 pairs beside one on the generated pages had a space).
 */
const NO_SPACE_BEFORE = new Set([',', '.', ':', ';', '!', '?', ')', ']', '}', '%', '_', "'", '’']);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '_', "'", '’']);
/**
 * Letters drawn as one upright stroke have wide side bearings, so two of them stand far apart
 * (`ll` in 11 px text up to 0.75 of the text height, and the model's space probability up to 0.43
 * between them), while `1 l` on a receipt in a monospaced font stands 1.0 apart or more. Between two
 * of them this much of the gap does not count.
 */
const SINGLE_STROKES = new Set(['l', 'I', 'i', '1']);
const SIDE_BEARINGS = 0.55;

/**
 * The line's text with word spaces restored from the CTC alignment. PP-OCRv4's Chinese recogniser
 * often leaves out the space class between English words, but its probability still rises in the
 * gap; that, with the widest ink-free run between the two characters' steps, decides each space
 * the model did not emit itself. `stepWidth` is the width in profile columns of one time step.
 */
export function joinWords(chars: readonly CtcChar[], ink: InkProfile, stepWidth: number): string {
  let text = '';
  chars.forEach((char, i) => {
    const previous = chars[i - 1];
    if (previous !== undefined && char.spaced) text += ' ';
    else if (
      previous !== undefined &&
      !NO_SPACE_BEFORE.has(char.char) &&
      !NO_SPACE_AFTER.has(previous.char)
    ) {
      const from = ((previous.first + previous.last) / 2 + 0.5) * stepWidth;
      const to = ((char.first + char.last) / 2 + 0.5) * stepWidth;
      const bearings = SINGLE_STROKES.has(previous.char) && SINGLE_STROKES.has(char.char) ? SIDE_BEARINGS : 0;
      const gap = widestGap(ink.columns, from, to) / ink.textHeight - bearings;
      if (char.spaceBefore * 10 ** (GAP_WEIGHT * gap) >= SPACE_SCORE) text += ' ';
    }
    text += char.char;
  });
  return text;
}
