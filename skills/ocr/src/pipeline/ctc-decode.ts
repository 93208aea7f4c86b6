import type { Charset } from './dictionary.js';

/** A recognised string and its confidence: the mean top probability of its characters. */
export interface Decoded {
  text: string;
  confidence: number;
}

/**
 * Greedy CTC decoding of one sequence of class probabilities (`steps` × `classes`, row-major):
 * the best class per step, repeats merged, blanks (class 0) dropped.
 */
export function ctcGreedyDecode(
  probs: Float32Array,
  offset: number,
  steps: number,
  classes: number,
  charset: Charset,
): Decoded {
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const row = offset + t * classes;
    let best = 0;
    let bestProb = probs[row] ?? 0;
    for (let k = 1; k < classes; k++) {
      const p = probs[row + k] ?? 0;
      if (p > bestProb) {
        best = k;
        bestProb = p;
      }
    }
    if (best !== 0 && best !== previous) {
      text += charset[best] ?? '';
      sum += bestProb;
      count++;
    }
    previous = best;
  }
  return { text, confidence: count > 0 ? sum / count : 0 };
}
