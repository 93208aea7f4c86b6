import { describe, expect, it } from 'vitest';
import type { CtcChar } from './ctc-decode.js';
import { type QuoteMarks, quoteMarks, unifyQuotes } from './quote-style.js';

function char(c: string, probability: number, runnerUp = '', runnerUpProbability = 0): CtcChar {
  return {
    char: c,
    first: 0,
    last: 0,
    probability,
    spaceBefore: 0,
    spaced: false,
    runnerUp,
    runnerUpProbability,
  };
}

const mark = (straight: number, curly: number) => ({ straight, curly });
const line = (text: string, double: QuoteMarks['double'], single: QuoteMarks['single'] = []) => ({
  text,
  quotes: { double, single },
});

describe('quoteMarks', () => {
  it('reads the straight and curly probability of each mark, from the mark or its runner-up', () => {
    const chars = [
      char('“', 0.6, '"', 0.3),
      char('a', 0.9, '"', 0.5),
      char('"', 0.7, '”', 0.2),
      char('’', 0.8),
    ];
    expect(quoteMarks(chars)).toEqual({
      double: [mark(0.3, 0.6), mark(0.7, 0.2)],
      single: [mark(0, 0.8)],
    });
  });
});

describe('unifyQuotes', () => {
  it('reads a page straight when its marks lean straight enough, small type leaning curly', () => {
    const page = [
      line('the “budget" for “this”', [mark(0.3, 0.6), mark(0.7, 0.2), mark(0.2, 0.6), mark(0.4, 0.5)]),
      line('Chen’s “plan"', [mark(0.35, 0.6), mark(0.6, 0.3)], [mark(0.4, 0.6)]),
    ];
    expect(unifyQuotes(page)).toEqual(['the "budget" for "this"', 'Chen\'s "plan"']);
  });

  it('reads a page curly when its marks lean curly, each mark opening or closing by where it stands', () => {
    const page = [
      line('“market value" and "plan”', [mark(0.1, 0.8), mark(0.5, 0.45), mark(0.5, 0.4), mark(0.1, 0.8)]),
    ];
    expect(unifyQuotes(page)).toEqual(['“market value” and “plan”']);
  });

  it('leaves lines with Chinese characters, and pages without quotes, as read', () => {
    const page = [
      line('他说“好"', [mark(0.1, 0.9), mark(0.9, 0.1)]),
      line('a "b"', [mark(0.9, 0), mark(0.9, 0)]),
    ];
    expect(unifyQuotes(page)).toEqual(['他说“好"', 'a "b"']);
    expect(unifyQuotes([line('no quotes', [])])).toEqual(['no quotes']);
  });
});
