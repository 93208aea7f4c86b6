import { describe, expect, it } from 'vitest';
import { maskAlpha } from './mask.js';

/** An RGBA picture, 4 bytes a pixel, from one function of the pixel index. */
function picture(count: number, pixel: (i: number) => [number, number, number, number]) {
  const rgba = new Uint8ClampedArray(count * 4);
  for (let i = 0; i < count; i += 1) rgba.set(pixel(i), i * 4);
  return rgba;
}

const grey = (v: number): [number, number, number, number] => [v, v, v, 255];

describe('which returned pictures are masks', () => {
  it('tints a two-valued grey picture where it is white, at under half strength', () => {
    const alpha = maskAlpha(picture(100, (i) => grey(i < 30 ? 255 : 0)));
    expect(alpha && Array.from(alpha.slice(28, 32))).toEqual([115, 115, 0, 0]);
    expect(alpha?.filter((a) => a > 0)).toHaveLength(30);
  });

  it('accepts a soft matte whose mid-tones are only a thin edge', () => {
    const matte = picture(100, (i) => grey(i < 30 ? 255 : i < 35 ? 128 : 0));
    expect(maskAlpha(matte)?.[32]).toBe(58);
  });

  it('leaves alone coloured annotations, transparent cut-outs, grey photos and empty masks', () => {
    expect(maskAlpha(picture(100, (i) => (i === 50 ? [228, 87, 46, 255] : grey(0))))).toBeNull();
    expect(maskAlpha(picture(100, (i) => (i < 30 ? [200, 150, 120, 255] : [0, 0, 0, 0])))).toBeNull();
    expect(maskAlpha(picture(100, (i) => grey(i * 2)))).toBeNull();
    expect(maskAlpha(picture(100, () => grey(0)))).toBeNull();
    expect(maskAlpha(new Uint8ClampedArray(0))).toBeNull();
  });
});
