import { type AnyBox, type PixelRect, rectCorners, rectToBox, toPixelRect } from '@mmskills/core';
import type { DecodedImage } from '@mmskills/image';
import type sharp from 'sharp';
import { fromDecoded } from './picture.js';

/** A region cut out of a decoded image: the pipeline over its pixels, and where it lies. */
export interface Cut {
  rect: PixelRect;
  pipeline: sharp.Sharp;
  /** `[left, top, right, bottom)` in pixels of the input, padding included. */
  box_pixels: [number, number, number, number];
  /** The same region normalised to the input, so results on the cut map back. */
  box: [number, number, number, number];
}

/**
 * Cuts a normalised box, widened by `padding` (a fraction of the box size on every side), out
 * of `decoded`; the region is rounded outward and clamped to the image (see toPixelRect).
 * `crop` and `zoom_in` both take their region here, so they always agree on its pixels.
 */
export function cutRegion(decoded: DecodedImage, box: AnyBox, padding: number): Cut {
  const rect = toPixelRect(box, decoded.width, decoded.height, padding);
  return {
    rect,
    pipeline: fromDecoded(decoded).extract(rect),
    box_pixels: rectCorners(rect),
    box: rectToBox(rect, decoded.width, decoded.height),
  };
}
