import { iou, type Turn } from '@mmskills/core';
import { findBox } from './box.js';
import { letterOf, pickedOption } from './choice.js';
import type { AnswerSpec } from './item.js';
import { containsPhrase } from './normalise.js';
import { extractNumbers, withinTolerance } from './numbers.js';

/** Whether an answer is right, and what the scorer read from it (a number, a letter, a box). */
export interface AnswerScore {
  correct: boolean;
  /** What was taken from the answer to judge it; absent when nothing usable was found. */
  extracted?: string;
}

/**
 * Scores one answer against its item's expected answer. `turn` is the model's final turn, where a
 * `box` answer may sit in the thoughts rather than the words the person reads.
 * @see ../../README.md "Answers" for each kind's rule
 */
export function scoreAnswer(spec: AnswerSpec, answer: string, turn?: Pick<Turn, 'thoughts'>): AnswerScore {
  switch (spec.kind) {
    case 'exact': {
      const given = answer.trim().replace(/\.$/, '');
      return { correct: given === spec.value, extracted: given };
    }
    case 'text': {
      const phrases = [spec.value, ...(spec.alternatives ?? [])];
      const hit = phrases.find((phrase) => containsPhrase(answer, phrase));
      return hit === undefined ? { correct: false } : { correct: true, extracted: hit };
    }
    case 'number': {
      const numbers = extractNumbers(answer);
      const judged = spec.match === 'first' ? numbers.slice(0, 1) : numbers;
      const close = judged.find((value) => withinTolerance(value, spec.value, spec.tolerance, spec.relative));
      if (close !== undefined) return { correct: true, extracted: String(close) };
      return judged.length === 0 ? { correct: false } : { correct: false, extracted: judged.join(', ') };
    }
    case 'choice': {
      const picked = pickedOption(answer, spec.options);
      if (picked === undefined) return { correct: false };
      const letter = letterOf(picked);
      return { correct: letter === spec.correct, extracted: letter };
    }
    case 'box': {
      const box = findBox(answer) ?? (turn ? findBox(turn.thoughts) : undefined);
      if (!box) return { correct: false };
      const overlap = iou(box, spec.box);
      return {
        correct: overlap >= spec.threshold,
        extracted: `[${box.join(', ')}] IoU ${overlap.toFixed(2)}`,
      };
    }
  }
}
