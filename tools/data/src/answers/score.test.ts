import { describe, expect, it } from 'vitest';
import { AnswerSpecSchema } from './item.js';
import { scoreAnswer } from './score.js';

// Specs are written as JSON would give them and parsed, so defaults apply as they do for a file.
const spec = (input: unknown) => AnswerSpecSchema.parse(input);
const judge = (input: unknown, answer: string, thoughts?: string) =>
  scoreAnswer(spec(input), answer, thoughts === undefined ? undefined : { thoughts }).correct;

describe('exact answers', () => {
  const code = { kind: 'exact', value: 'K7QX' } as const;
  it.each([
    ['K7QX', true],
    ['  K7QX.', true],
    ['k7qx', false],
    ['The code is K7QX', false],
    ['K7QX!', false],
  ])('%j → %s', (answer, correct) => expect(judge(code, answer)).toBe(correct));
});

describe('text answers: normalised, a whole-word phrase of the answer', () => {
  const cat = { kind: 'text', value: 'cat' } as const;
  const heading = { kind: 'text', value: 'Region-based segmentation' } as const;
  it.each([
    [cat, 'A cat.', true],
    [cat, 'It is a CAT, lying down', true],
    [cat, 'the Cat', true],
    [cat, 'a category of animals', false],
    [cat, 'a dog', false],
    [cat, 'cats', false],
    [heading, 'The heading reads "Region based  segmentation".', true],
    [heading, 'REGION-BASED SEGMENTATION', true],
    [heading, 'Region segmentation', false],
    [{ kind: 'text', value: 'motorcycle', alternatives: ['motorbike'] }, 'A red motorbike.', true],
    [{ kind: 'text', value: 'the' }, 'the', false],
  ] as const)('%j, %j → %s', (input, answer, correct) => expect(judge(input, answer)).toBe(correct));
});

describe('number answers', () => {
  const three = { kind: 'number', value: 3 } as const;
  it.each([
    [three, '3', true],
    [three, 'There are three circles.', true],
    [three, 'THREE', true],
    [three, '3.0', true],
    [three, 'I count 4 circles, not 3', false],
    [three, 'someone drew it', false],
    [three, 'X3K', false],
    [three, 'the 3rd one', false],
    [{ ...three, match: 'any' }, 'I count 4 circles, not 3', true],
    [{ kind: 'number', value: 1200 }, 'It costs 1,200 dollars', true],
    [{ kind: 'number', value: 100, tolerance: 5 }, 'about 104', true],
    [{ kind: 'number', value: 100, tolerance: 5 }, 'about 106', false],
    [{ kind: 'number', value: 200, tolerance: 0.1, relative: true }, 'roughly 219', true],
    [{ kind: 'number', value: 200, tolerance: 0.1, relative: true }, 'roughly 221', false],
    [{ kind: 'number', value: 0.3, tolerance: 0 }, '0.3', true],
    [{ kind: 'number', value: 20 }, 'twenty', true],
    [{ kind: 'number', value: 0 }, 'There are zero squares.', true],
    [{ kind: 'number', value: 2 }, 'no number at all', false],
  ] as const)('%j, %j → %s', (input, answer, correct) => expect(judge(input, answer)).toBe(correct));
});

describe('multiple choice answers', () => {
  const colour = { kind: 'choice', options: ['red', 'blue', 'green', 'dark blue'], correct: 'B' } as const;
  it.each([
    ['B', true],
    ['(B)', true],
    ['B.', true],
    ['b', true],
    ['The answer is B', true],
    ['The answer is B because it is blue', true],
    ['Answer: (B) blue', true],
    ['It is blue.', true],
    ['B. blue', true],
    ['A', false],
    ['The answer is A red circle', false],
    ['(A) or (B)', false],
    ['B or C', false],
    ['blue or red', false],
    ['Dark blue.', false],
    ['I cannot answer a question like that.', false],
    ['purple', false],
  ])('%j → %s', (answer, correct) => expect(judge(colour, answer)).toBe(correct));

  it('reads a V*-style option sentence', () => {
    const side = {
      kind: 'choice',
      options: [
        'The ladder is on the left side of the wagon.',
        'The ladder is on the right side of the wagon.',
      ],
      correct: 'A',
    } as const;
    expect(judge(side, 'The ladder is on the left side of the wagon')).toBe(true);
    expect(judge(side, 'the right side')).toBe(false);
  });

  it('refuses a letter past the options', () => {
    expect(() => spec({ kind: 'choice', options: ['x', 'y'], correct: 'C' })).toThrow(/past the last option/);
  });
});

describe('box answers', () => {
  const box = { kind: 'box', box: [0.1, 0.1, 0.5, 0.5] } as const;
  it.each([
    ['[0.1, 0.1, 0.5, 0.5]', true],
    ['It is at (0.12, 0.1, 0.52, 0.48).', true],
    ['[0.5, 0.5, 0.1, 0.1]', true],
    ['[0.3, 0.3, 0.7, 0.7]', false],
    ['[10, 10, 50, 50]', false],
    ['top left', false],
  ])('%j → %s', (answer, correct) => expect(judge(box, answer)).toBe(correct));

  it('looks in the final turn when the answer holds no box, and honours the threshold', () => {
    expect(judge(box, 'There.', 'The square is at [0.1, 0.1, 0.5, 0.5].')).toBe(true);
    const strict = { ...box, threshold: 0.95 };
    expect(judge(strict, '[0.12, 0.1, 0.52, 0.48]')).toBe(false);
    expect(scoreAnswer(spec(box), '[0.1, 0.1, 0.3, 0.5]').extracted).toBe('[0.1, 0.1, 0.3, 0.5] IoU 0.50');
  });
});
