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
  /** The runner-up class where the character peaked (`''` for the blank), and its probability. */
  runnerUp: string;
  runnerUpProbability: number;
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
 * What greedy decoding reads at each step of one sequence: the best class and its probability, the
 * probabilities of the blank (class 0) and of the space (the charset's last class), and the
 * second-best class and its probability.
 */
export interface CtcSteps {
  best: Int32Array;
  top: Float32Array;
  blank: Float32Array;
  space: Float32Array;
  second: Int32Array;
  secondTop: Float32Array;
}

/** The steps of one sequence of class probabilities (`steps` × `classes`, row-major, from `offset`). */
export function ctcStepsFromProbabilities(
  probs: Float32Array,
  offset: number,
  steps: number,
  classes: number,
): CtcSteps {
  const best = new Int32Array(steps);
  const top = new Float32Array(steps);
  const blank = new Float32Array(steps);
  const space = new Float32Array(steps);
  const second = new Int32Array(steps);
  const secondTop = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    const row = probs.subarray(offset + t * classes, offset + (t + 1) * classes);
    let k = 0;
    for (let c = 1; c < row.length; c++) if ((row[c] as number) > (row[k] as number)) k = c;
    let r = k === 0 ? 1 : 0;
    for (let c = r + 1; c < row.length; c++) if (c !== k && (row[c] as number) > (row[r] as number)) r = c;
    best[t] = k;
    top[t] = row[k] ?? 0;
    blank[t] = row[0] ?? 0;
    space[t] = row[classes - 1] ?? 0;
    second[t] = r;
    secondTop[t] = row[r] ?? 0;
  }
  return { best, top, blank, space, second, secondTop };
}

/**
 * Where a run of one class over steps `from..to` holds the same character twice. Greedy decoding
 * merges `2 2 2 2` into one `2`, but when the blank nearly wins in the middle (`2 2̲ 2̲ 2`, blank at
 * 0.3) the model's own CTC probability of `22` (paths c+ blank+ c+) can exceed that of `2`
 * (paths c+); a page read `2214` as `214` that way. Inside the run the character is each step's
 * best class, so its probability is `top`. Returns the step of the most likely blank between the
 * two, or -1 when one character is the better reading.
 */
export function splitRepeat(steps: CtcSteps, from: number, to: number): number {
  if (to - from < 2) return -1;
  let single = steps.top[from] ?? 0;
  let first = single;
  let blank = 0;
  let second = 0;
  let split = -1;
  let bestBlank = -1;
  for (let t = from + 1; t <= to; t++) {
    const [pc, pb] = [steps.top[t] ?? 0, steps.blank[t] ?? 0];
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
 * Greedy CTC decoding of one sequence: the best class per step, repeats merged (unless
 * {@link splitRepeat} finds two), blanks (class 0) dropped. An emitted space is kept in `text` and
 * carried in `chars` as the next character's `spaceBefore`. A charset that does not end in a space
 * has no space class.
 */
export function ctcGreedyDecode(steps: CtcSteps, charset: Charset): Decoded {
  const space = charset.at(-1) === ' ' ? charset.length - 1 : -1;
  const { best, top: bestProb } = steps;
  const length = best.length;
  const spaceProb = space > 0 ? steps.space : new Float32Array(length);
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
    let peak = first;
    for (let t = first + 1; t <= last; t++) if ((bestProb[t] ?? 0) > (bestProb[peak] ?? 0)) peak = t;
    for (let t = first; t <= last; t++) spaceSince = Math.max(spaceSince, spaceProb[t] ?? 0);
    chars.push({
      char,
      first,
      last,
      probability: bestProb[peak] ?? 0,
      spaceBefore: spaceSince,
      spaced,
      runnerUp: charset[steps.second[peak] ?? 0] ?? '',
      runnerUpProbability: steps.secondTop[peak] ?? 0,
    });
    spaceSince = spaceProb[last] ?? 0;
    spaced = false;
  };
  for (let from = 0; from < length; ) {
    const k = best[from] ?? 0;
    let to = from;
    while (to + 1 < length && best[to + 1] === k) to++;
    if (k === 0 || k === space) {
      for (let t = from; t <= to; t++) spaceSince = Math.max(spaceSince, spaceProb[t] ?? 0);
    }
    if (k !== 0) {
      const split = k === space ? -1 : splitRepeat(steps, from, to);
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
