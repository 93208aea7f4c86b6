import { type AnyBox, type PixelRect, toPixelRect } from '@mmskills/core';
import sharp from 'sharp';

/** Blur strength that hides a face of this size: about an eighth of its longer side. */
export function defaultSigma(rect: PixelRect): number {
  return Math.max(2, Math.max(rect.width, rect.height) / 8);
}

/**
 * Gaussian-blurs each box of RGB `pixels` in place. Only pixels inside a box change: each region
 * is cut out, blurred on its own (edges extended, nothing bleeds in from outside) and written back.
 */
export async function blurBoxes(
  pixels: Buffer,
  size: { width: number; height: number },
  boxes: readonly AnyBox[],
  sigma?: number,
): Promise<PixelRect[]> {
  const rects = boxes.map((box) => toPixelRect(box, size.width, size.height));
  for (const rect of rects) {
    const blurred = await sharp(pixels, { raw: { width: size.width, height: size.height, channels: 3 } })
      .extract(rect)
      .blur(Math.min(1000, Math.max(0.3, sigma ?? defaultSigma(rect))))
      .raw()
      .toBuffer();
    const rowBytes = rect.width * 3;
    for (let row = 0; row < rect.height; row += 1) {
      const from = row * rowBytes;
      blurred.copy(pixels, ((rect.top + row) * size.width + rect.left) * 3, from, from + rowBytes);
    }
  }
  return rects;
}
