import type { DecodedImage } from '@mmskills/core';
import type { Matte } from './run-matte.js';

/** A thresholded person mask and what it covers. */
export interface PersonMask {
  /** One byte per pixel: 255 = person, 0 = background. */
  mask: Uint8Array;
  /** RGBA: the input's colours, alpha = the matte where it is a person, 0 elsewhere. */
  cutout: Uint8Array;
  /** Fraction of pixels that are person. */
  coverage: number;
  /** Bounding box of the person pixels, normalised `[x1, y1, x2, y2]`, or null when there are none. */
  box: [number, number, number, number] | null;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Splits a matte at `threshold`: pixels at or above it are person. The cut-out keeps the matte's
 * soft alpha on person pixels, so hair and edges stay smooth, and is fully transparent elsewhere.
 */
export function personMask(matte: Matte, image: DecodedImage, threshold: number): PersonMask {
  const { width, height, alpha } = matte;
  const mask = new Uint8Array(width * height);
  const cutout = new Uint8Array(width * height * 4);
  let count = 0;
  let [minX, minY, maxX, maxY] = [width, height, -1, -1];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      const value = alpha[i] ?? 0;
      cutout[i * 4] = image.data[i * 3] ?? 0;
      cutout[i * 4 + 1] = image.data[i * 3 + 1] ?? 0;
      cutout[i * 4 + 2] = image.data[i * 3 + 2] ?? 0;
      if (value < threshold) continue;
      mask[i] = 255;
      cutout[i * 4 + 3] = Math.max(1, Math.round(value * 255));
      count += 1;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  const box: PersonMask['box'] =
    count === 0
      ? null
      : [
          round(minX / width, 4),
          round(minY / height, 4),
          round((maxX + 1) / width, 4),
          round((maxY + 1) / height, 4),
        ];
  return { mask, cutout, coverage: round(count / (width * height), 4), box };
}
