import type { Charset } from './dictionary.js';

/** One decoded character and where it sits in the sequence (time steps, inclusive). */
export interface CtcChar {
  char: string;
  first: number;
  last: number;
  /** The highest probability the character reached. */
  probability: number;
  /**
   * The highest probability of the space class from the previous character's last step to this
   * one's first: how strongly the model saw a word gap even where it did not emit a space.
   */
  spaceBefore: number;
  /** Whether the model emitted a space (its best class) between the previous character and this one. */
  spaced: boolean;
}

/**
 * A recognised line: the text as the model emitted it, its confidence (the mean top probability of
 * its characters), and its characters without spaces, aligned to time steps.
 */
export interface Decoded {
  text: string;
  confidence: number;
  chars: CtcChar[];
}

/**
 * Where a run of one class over steps `from..to` holds the same character twice. Greedy decoding
 * merges `2 2 2 2` into one `2`, but when the blank nearly wins in the middle (`2 2̲ 2̲ 2`, blank at
 * 0.3) the model's own CTC probability of `22` (paths c+ blank+ c+) can exceed that of `2`
 * (paths c+); a page read `2214` as `214` that way. Returns the step of the most likely blank
 * between the two, or -1 when one character is the better reading.
 */
export function splitRepeat(
  probs: Float32Array,
  offset: number,
  classes: number,
  k: number,
  from: number,
  to: number,
): number {
  if (to - from < 2) return -1;
  const p = (t: number, c: number) => probs[offset + t * classes + c] ?? 0;
  let single = p(from, k);
  let first = p(from, k);
  let blank = 0;
  let second = 0;
  let split = -1;
  let bestBlank = -1;
  for (let t = from + 1; t <= to; t++) {
    const [pc, pb] = [p(t, k), p(t, 0)];
    second = (second + blank) * pc;
    blank = (blank + first) * pb;
    first *= pc;
    single *= pc;
    if (t < to && pb > bestBlank) {
      bestBlank = pb;
      split = t;
    }
  }
  return second > single ? split : -1;
}

/**
 * Greedy CTC decoding of one sequence of class probabilities (`steps` × `classes`, row-major):
 * the best class per step, repeats merged (unless {@link splitRepeat} finds two), blanks (class 0)
 * dropped. An emitted space is kept in `text` and carried in `chars` as the next character's
 * `spaceBefore`.
 */
export function ctcGreedyDecode(
  probs: Float32Array,
  offset: number,
  steps: number,
  classes: number,
  charset: Charset,
): Decoded {
  const space = charset.lastIndexOf(' ');
  const best = new Int32Array(steps);
  const bestProb = new Float32Array(steps);
  const spaceProb = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    const row = offset + t * classes;
    let top = 0;
    let topProb = probs[row] ?? 0;
    for (let k = 1; k < classes; k++) {
      const p = probs[row + k] ?? 0;
      if (p > topProb) {
        top = k;
        topProb = p;
      }
    }
    best[t] = top;
    bestProb[t] = topProb;
    spaceProb[t] = space > 0 ? (probs[row + space] ?? 0) : 0;
  }
  const chars: CtcChar[] = [];
  let text = '';
  let sum = 0;
  let count = 0;
  let spaceSince = 0;
  let spaced = false;
  const emit = (k: number, first: number, last: number) => {
    const char = charset[k] ?? '';
    text += char;
    sum += bestProb[first] ?? 0;
    count++;
    if (k === space) {
      spaced = chars.length > 0;
      return;
    }
    let probability = 0;
    for (let t = first; t <= last; t++) probability = Math.max(probability, bestProb[t] ?? 0);
    for (let t = first; t <= last; t++) spaceSince = Math.max(spaceSince, spaceProb[t] ?? 0);
    chars.push({ char, first, last, probability, spaceBefore: spaceSince, spaced });
    spaceSince = spaceProb[last] ?? 0;
    spaced = false;
  };
  for (let from = 0; from < steps; ) {
    const k = best[from] ?? 0;
    let to = from;
    while (to + 1 < steps && best[to + 1] === k) to++;
    if (k === 0 || k === space) {
      for (let t = from; t <= to; t++) spaceSince = Math.max(spaceSince, spaceProb[t] ?? 0);
    }
    if (k !== 0) {
      const split = k === space ? -1 : splitRepeat(probs, offset, classes, k, from, to);
      if (split < 0) emit(k, from, to);
      else {
        emit(k, from, split - 1);
        emit(k, split + 1, to);
      }
    }
    from = to + 1;
  }
  return { text, confidence: count > 0 ? sum / count : 0, chars };
}
