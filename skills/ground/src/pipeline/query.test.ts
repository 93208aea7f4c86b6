import { describe, expect, it } from 'vitest';
import { MAX_PHRASES, parsePhrases } from './query.js';

describe('parsePhrases', () => {
  it('splits a Grounding DINO prompt on full stops and commas, squeezing spaces', () => {
    expect(parsePhrases('a red  mug. the cat ,  laptop.')).toEqual(['a red mug', 'the cat', 'laptop']);
  });

  it('takes a list, splits each item too, and drops repeats ignoring case', () => {
    expect(parsePhrases(['Red mug', 'cat. red MUG', ' '])).toEqual(['Red mug', 'cat']);
  });

  it.each([
    ['an empty query', ' . , '],
    ['too many phrases', Array.from({ length: MAX_PHRASES + 1 }, (_, i) => `thing ${i}`).join('.')],
    ['a phrase over 80 characters', 'x'.repeat(81)],
  ])('refuses %s', (_label, query) => {
    expect(() => parsePhrases(query)).toThrow(/phrase|query/);
  });
});
