import { describe, expect, it } from 'vitest';
import { isMmskillsError } from '../errors.js';
import { COLOUR_NAMES, PALETTE, paletteColour, parseColour, textColourOn, toHex, toRgb } from './colour.js';

describe('colours', () => {
  it('reads #rgb, #rrggbb and names, and nothing else', () => {
    expect(parseColour('#f00')).toEqual([255, 0, 0]);
    expect(parseColour(' #00FF80 ')).toEqual([0, 255, 128]);
    expect(parseColour('Lime')).toEqual([210, 245, 60]);
    expect(parseColour('#ff00')).toBeUndefined();
    expect(parseColour('rebeccapurple')).toBeUndefined();
    expect(COLOUR_NAMES).toContain('grey');
  });

  it('passes RGB through and refuses text that is no colour', () => {
    expect(toRgb([1, 2, 3])).toEqual([1, 2, 3]);
    expect(toRgb('#000')).toEqual([0, 0, 0]);
    let thrown: unknown;
    try {
      toRgb('nope');
    } catch (error) {
      thrown = error;
    }
    expect(isMmskillsError(thrown, 'invalid_argument')).toBe(true);
  });

  it('cycles the palette, writes hex and picks readable text', () => {
    expect(PALETTE).toHaveLength(10);
    expect(paletteColour(10)).toEqual(paletteColour(0));
    expect(toHex([255, 0, 16.4])).toBe('#ff0010');
    expect(textColourOn([255, 255, 255])).toEqual([0, 0, 0]);
    expect(textColourOn([0, 0, 128])).toEqual([255, 255, 255]);
  });
});
