import { describe, expect, it } from 'vitest';
import { firstMarkerIndex, parseMarkedTurn } from './marked-turn.js';

function read(text: string): unknown {
  return parseMarkedTurn(text, firstMarkerIndex(text));
}

describe('firstMarkerIndex', () => {
  it('finds the earliest marker of any kind', () => {
    expect(firstMarkerIndex('ab value👉 x thoughts🤔')).toBe(3);
    expect(firstMarkerIndex('no markers')).toBe(-1);
  });
});

describe('parseMarkedTurn', () => {
  it('keeps whitespace beyond the one separator the renderer writes', () => {
    expect(read('"thoughts🤔"   two spaces \n\n"actions🚀" []\n"value👉"  v \n')).toEqual({
      thoughts: '  two spaces \n',
      actions: [],
      value: ' v \n',
    });
  });

  it('takes a line break after a marker as its separator', () => {
    expect(read('thoughts🤔\nt\nactions🚀\n[]\nvalue👉\nv')).toEqual({
      thoughts: 't',
      actions: [],
      value: 'v',
    });
  });

  it('ends thoughts at the value marker when there are no actions', () => {
    expect(read('"thoughts🤔" t\n"value👉" v')).toEqual({ thoughts: 't', actions: [], value: 'v' });
  });

  it('reads thoughts alone to the end', () => {
    expect(read('"thoughts🤔" only thinking')).toEqual({ thoughts: 'only thinking', actions: [], value: '' });
  });

  it('looks for the value marker only after the actions JSON', () => {
    expect(
      read('"actions🚀" [{"API_name": "x", "API_params": {"t": "\\"value👉\\" no"}}] junk "value👉" yes'),
    ).toEqual({
      thoughts: '',
      actions: [{ API_name: 'x', API_params: { t: '"value👉" no' } }],
      value: 'yes',
    });
  });

  it('stops the value at the closing fence only when the markers are fenced', () => {
    expect(read('```\n"thoughts🤔" t\n"value👉" v\n```\nafter')).toEqual({
      thoughts: 't',
      actions: [],
      value: 'v',
    });
    expect(read('"thoughts🤔" t\n"value👉" v\n```\nafter')).toEqual({
      thoughts: 't',
      actions: [],
      value: 'v\n```\nafter',
    });
  });

  it('reads a lone value marker', () => {
    expect(read('value👉 The answer is 3.')).toEqual({
      thoughts: '',
      actions: [],
      value: 'The answer is 3.',
    });
  });
});
