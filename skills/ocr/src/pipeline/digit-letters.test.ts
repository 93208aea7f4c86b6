import { describe, expect, it } from 'vitest';
import { lettersForZeros } from './digit-letters.js';

describe('lettersForZeros', () => {
  it('reads a zero inside a word of letters as the letter O', () => {
    expect(lettersForZeros('price 0slo, after 0ctober. netw0rk (0slo)')).toBe(
      'price Oslo, after October. network (Oslo)',
    );
  });

  it('leaves numbers, codes, short words and non-Latin words alone', () => {
    const line = '0.5 10am A0 0n 2024 $0.99 3/10/2020 70% 0x 价0格';
    expect(lettersForZeros(line)).toBe(line);
  });
});
