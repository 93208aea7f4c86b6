import { describe, expect, it } from 'vitest';
import { findTurnObject } from './find-turn-object.js';

describe('findTurnObject', () => {
  it('finds the first object with a turn key, skipping other objects whole', () => {
    const text = 'a {"b": {"value": "inner"}} then {"thoughts": "t"}';
    expect(findTurnObject(text, text.length)).toEqual({ found: true, object: { thoughts: 't' }, start: 33 });
  });

  it('only looks at objects that start before the limit', () => {
    const text = 'x {"value": "v"}';
    expect(findTurnObject(text, 2)).toEqual({ found: false, broken: undefined, tooComplex: false });
    expect(findTurnObject(text, 3).found).toBe(true);
  });

  it('reports a cut-off turn and does not mistake its parameters for a turn', () => {
    const text = '{"actions": [{"API_name": "x", "API_params": {"value": 1}}], "value": "cut';
    expect(findTurnObject(text, text.length)).toEqual({
      found: false,
      broken: { problem: 'unterminated string', start: 0, at: text.length },
      tooComplex: false,
    });
  });

  it('still finds a turn inside an unreadable object that does not start like a turn', () => {
    const text = '{"reply": {"value": "v"}';
    expect(findTurnObject(text, text.length)).toMatchObject({
      found: true,
      object: { value: 'v' },
      start: 10,
    });
  });

  it('gives up on text that would take too long', () => {
    const text = '{"a": ['.repeat(200_000);
    expect(findTurnObject(text, text.length)).toMatchObject({ found: false, tooComplex: true });
  });
});
