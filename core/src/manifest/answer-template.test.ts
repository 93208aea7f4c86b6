import { describe, expect, it } from 'vitest';
import { fillAnswerTemplate, parseAnswerTemplate } from './answer-template.js';

const detected = {
  objects: [
    { label: 'cat', score: 0.91, box: [0.1, 0.2, 0.5, 0.9] },
    { label: 'cup', score: 0.42, box: [0.6, 0.1, 0.7, 0.3] },
  ],
  text: 'STOP\nAHEAD',
};

describe('fillAnswerTemplate', () => {
  it.each([
    ['I found {objects.length} objects: {objects[].label}.', 'I found 2 objects: cat, cup.'],
    ['Best: {objects[0].label} ({objects[0].score})', 'Best: cat (0.91)'],
    ['Box {objects[1].box}', 'Box [0.6, 0.1, 0.7, 0.3]'],
    ['Boxes {objects[].box}', 'Boxes [0.1, 0.2, 0.5, 0.9], [0.6, 0.1, 0.7, 0.3]'],
    ['{text}', 'STOP\nAHEAD'],
    ['{missing|nothing here}', 'nothing here'],
    ['{objects[5].label|no sixth object}', 'no sixth object'],
    ['no placeholders', 'no placeholders'],
  ])('fills %j', (template, expected) => {
    expect(fillAnswerTemplate(template, detected)).toBe(expected);
  });

  it('uses the fallback for an empty list but prints a zero count', () => {
    expect(fillAnswerTemplate('{objects.length}: {objects[].label|none}', { objects: [] })).toBe('0: none');
  });
});

describe('parseAnswerTemplate', () => {
  it.each(['I found {objects.length objects', 'a } b', '{objects..label}', '{1abc}', '{objects[x]}'])(
    'refuses %j with a message naming the template',
    (template) => {
      expect(() => parseAnswerTemplate(template)).toThrow(/answer template/);
    },
  );
});
