import { describe, expect, it } from 'vitest';
import { letterForTimesSign } from './times-sign.js';

describe('letterForTimesSign', () => {
  it('reads a sign between a count and a word, or inside a word, as the letter x', () => {
    expect(letterForTimesSign('4 × Eggs (6) 35.52')).toBe('4 x Eggs (6) 35.52');
    expect(letterForTimesSign('2 ×Apples 1 kg')).toBe('2 xApples 1 kg');
    expect(letterForTimesSign('an e×tra box')).toBe('an extra box');
  });

  it('keeps a sign between two numbers, and lines with CJK text', () => {
    for (const line of ['2 × 3 = 6', '1920×1080 px', '3.5 × 2 m', '数量 2 × 苹果']) {
      expect(letterForTimesSign(line)).toBe(line);
    }
  });
});
