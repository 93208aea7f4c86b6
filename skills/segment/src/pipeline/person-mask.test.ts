import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { maskPictures, personMask } from './person-mask.js';

// 4×2 image; the matte is sure of two pixels, unsure of one.
const image = {
  data: Buffer.from(Array.from({ length: 4 * 2 * 3 }, (_, i) => i * 10)),
  width: 4,
  height: 2,
  format: 'png',
};
const matte = { alpha: Float32Array.from([0, 0.8, 0.4, 0, 0, 1, 0.6, 0]), width: 4, height: 2 };

describe('personMask', () => {
  it('thresholds the matte into soft alpha on person pixels, its coverage and its bounding box', () => {
    const result = personMask(matte, image, 0.5);
    expect([...result.alpha]).toEqual([0, 204, 0, 0, 0, 255, 153, 0]);
    expect(result.coverage).toBe(0.375);
    expect(result.box).toEqual([0.25, 0, 0.75, 1]);
  });

  it('gives no box and no coverage when nothing reaches the threshold', () => {
    const result = personMask(matte, image, 1.01);
    expect(result.coverage).toBe(0);
    expect(result.box).toBeNull();
    expect(result.alpha.every((value) => value === 0)).toBe(true);
  });

  it('scales a smaller matte up to the picture, bilinear between pixel centres', () => {
    const small = { alpha: Float32Array.from([0, 1]), width: 2, height: 1 };
    const result = personMask(small, { width: 8, height: 2 }, 0.01);
    // Centres of the 2 source pixels land at x = 1.5 and 5.5; outside them the edge value holds.
    expect([...result.alpha.subarray(0, 8)]).toEqual([0, 0, 32, 96, 159, 223, 255, 255]);
    expect([...result.alpha.subarray(8)]).toEqual([...result.alpha.subarray(0, 8)]);
    expect(result.box).toEqual([0.25, 0, 1, 1]);
  });
});

describe('maskPictures', () => {
  it('makes a grey mask and an RGBA cut-out: the colours kept, the alpha from the mask', async () => {
    const [mask, cutout] = await maskPictures(image, personMask(matte, image, 0.5));
    expect((await sharp(mask.data).metadata()).channels).toBe(1);
    const grey = await sharp(mask.data).extractChannel(0).raw().toBuffer();
    expect([...grey]).toEqual([0, 255, 0, 0, 0, 255, 255, 0]);
    const rgba = await sharp(cutout.data).raw().toBuffer({ resolveWithObject: true });
    expect(rgba.info.channels).toBe(4);
    expect([...rgba.data.subarray(4, 8)]).toEqual([30, 40, 50, 204]);
    expect([...rgba.data.subarray(8, 12)]).toEqual([60, 70, 80, 0]);
    expect(rgba.data[5 * 4 + 3]).toBe(255);
  });
});
