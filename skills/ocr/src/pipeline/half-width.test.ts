import { describe, expect, it } from 'vitest';
import { halfWidthInLatinLine } from './half-width.js';

describe('halfWidthInLatinLine', () => {
  it('turns full-width punctuation into ASCII in a Latin line', () => {
    expect(halfWidthInLatinLine('No.58213，due（soon）：ok。')).toBe('No.58213,due(soon):ok.');
  });

  it('leaves a line with Chinese characters alone', () => {
    expect(halfWidthInLatinLine('价格，12元')).toBe('价格，12元');
  });
});
