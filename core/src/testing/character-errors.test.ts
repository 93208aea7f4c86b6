import { describe, expect, it } from 'vitest';
import { characterErrors, collapseWhitespace, levenshtein } from './character-errors.js';

describe('character errors', () => {
  it('counts insertions, deletions and substitutions by code point', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', '')).toBe(3);
    expect(levenshtein('naïve 😀', 'naive 😀')).toBe(1);
  });

  it('ignores layout but not case', () => {
    expect(collapseWhitespace('  two\n\tlines  ')).toBe('two lines');
    expect(characterErrors('Hello  world\n', 'hello world')).toEqual({ edits: 1, chars: 11 });
  });

  it('counts an empty reference as no characters', () => {
    expect(characterErrors('', 'ab')).toEqual({ edits: 2, chars: 0 });
  });
});
