import { describe, expect, it } from 'vitest';
import { fieldsFromObject, isTurnLike, normalizeActions } from './normalize-turn.js';
import { TurnParseError } from './turn-parse-error.js';

describe('isTurnLike', () => {
  it.each([
    [{ thoughts: '' }, true],
    [{ 'Value👉': 1 }, true],
    [{ Action: {} }, true],
    [{ answer: 'x' }, false],
    [['thoughts'], false],
    ['thoughts', false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(isTurnLike(value)).toBe(expected);
  });
});

describe('fieldsFromObject', () => {
  it('writes non-text thoughts and values as text and fills in what is missing', () => {
    expect(fieldsFromObject({ Thought: { a: 1 }, value: false }, '')).toEqual({
      thoughts: '{"a":1}',
      actions: [],
      value: 'false',
    });
  });
});

describe('normalizeActions', () => {
  it.each<[unknown, unknown]>([
    [undefined, []],
    [null, []],
    ['  ', []],
    ['[{"API_name": "ocr"}]', [{ API_name: 'ocr', API_params: {} }]],
    [
      { name: ' ocr ', arguments: '{"image": "image_1"}' },
      [{ API_name: 'ocr', API_params: { image: 'image_1' } }],
    ],
    [[{ apiName: 'crop', params: null }], [{ API_name: 'crop', API_params: {} }]],
  ])('reads %j', (raw, expected) => {
    expect(normalizeActions(raw, '')).toEqual(expected);
  });

  it.each<[unknown, string]>([
    [7, 'actions must be a list'],
    ['call ocr', 'actions is a string that is not readable JSON'],
    [['ocr'], 'actions[0] must be an object'],
    [
      [{ API_name: 'ocr' }, { API_name: 3 }],
      'actions[1].API_name must be 1–64 characters of A-Z a-z 0-9 _ -; got 3',
    ],
    [[{ API_name: 'ocr', API_params: '[1]' }], 'actions[0].API_params must be a JSON object'],
    [
      [{ API_name: 'ocr', API_params: '{oops' }],
      'actions[0].API_params is a string that is not readable JSON',
    ],
  ])('refuses %j', (raw, problem) => {
    expect(() => normalizeActions(raw, 'excerpt')).toThrow(TurnParseError);
    expect(() => normalizeActions(raw, 'excerpt')).toThrow(problem);
  });
});
