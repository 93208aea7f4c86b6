import { describe, expect, it } from 'vitest';
import { rectToBox, toPixelRect } from './pixel-rect.js';

describe('toPixelRect', () => {
  it('rounds outward to whole pixels, ignoring float noise', () => {
    expect(toPixelRect([0.3, 0.3, 0.7, 0.7], 100, 100)).toEqual({ left: 30, top: 30, width: 40, height: 40 });
    expect(toPixelRect([0.305, 0, 0.695, 1], 100, 10)).toEqual({ left: 30, top: 0, width: 40, height: 10 });
  });

  it('pads by a fraction of the box and clamps to the image', () => {
    expect(toPixelRect([0.4, 0.4, 0.6, 0.6], 100, 100, 0.5)).toEqual({
      left: 30,
      top: 30,
      width: 40,
      height: 40,
    });
    expect(toPixelRect([0, 0.9, 0.2, 1], 100, 100, 1)).toEqual({ left: 0, top: 80, width: 40, height: 20 });
  });

  it('never returns an empty rectangle', () => {
    expect(toPixelRect([0.5, 0.5, 0.5000001, 0.5000001], 10, 10)).toMatchObject({ width: 1, height: 1 });
  });

  it('maps back to a normalised box', () => {
    expect(rectToBox({ left: 1, top: 2, width: 3, height: 4 }, 7, 9)).toEqual([
      0.1429, 0.2222, 0.5714, 0.6667,
    ]);
  });
});
