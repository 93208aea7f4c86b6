import { describe, expect, it } from 'vitest';
import { phraseOf } from './grounding-dino.js';

describe('phraseOf', () => {
  const phrases = ['Red mug', 'blue cup', 'cat'];

  it('names the phrase that holds the most of the label’s words, ignoring case', () => {
    expect(phraseOf('red mug', phrases)).toBe('Red mug');
    expect(phraseOf('mug', phrases)).toBe('Red mug');
    expect(phraseOf('blue cup cat', phrases)).toBe('blue cup');
  });

  it('gives a label of no known word to the only phrase, and to none of several', () => {
    expect(phraseOf('##s', ['cat'])).toBe('cat');
    expect(phraseOf('##s', phrases)).toBeUndefined();
  });
});
