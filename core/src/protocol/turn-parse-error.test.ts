import { describe, expect, it } from 'vitest';
import { isMmskillsError, MmskillsError } from '../errors.js';
import { TurnParseError } from './turn-parse-error.js';

describe('TurnParseError', () => {
  it('is an invalid_turn MmskillsError naming the problem and the excerpt', () => {
    const error = new TurnParseError('no turn found', 'hello');
    expect(error).toBeInstanceOf(MmskillsError);
    expect(isMmskillsError(error, 'invalid_turn')).toBe(true);
    expect(error.name).toBe('TurnParseError');
    expect(error.message).toBe('no turn found (near "hello")');
    expect(error.excerpt).toBe('hello');
  });

  it('cuts long excerpts to 200 characters without splitting a surrogate pair', () => {
    expect(new TurnParseError('p', 'a'.repeat(300)).excerpt).toBe(`${'a'.repeat(200)}…`);
    const excerpt = new TurnParseError('p', `${'a'.repeat(199)}🚀tail`).excerpt;
    expect(excerpt).toBe(`${'a'.repeat(199)}…`);
  });
});
