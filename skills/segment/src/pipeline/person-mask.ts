import type { DecodedImage } from '@mmskills/image';
import type { ToolImage } from '@mmskills/skill-kit';
import sharp from 'sharp';
import type { Matte } from './run-matte.js';

/** A thresholded person mask at the picture's size, and what it covers. */
export interface PersonMask {
  /** One byte per picture pixel: the matte's alpha (1–255) where it is a person, 0 elsewhere. */
  alpha: Buffer;
  width: number;
  height: number;
  /** Fraction of pixels that are person. */
  coverage: number;
  /** Bounding box of the person pixels, normalised `[x1, y1, x2, y2]`, or null when there are none. */
  box: [number, number, number, number] | null;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

// Where each output pixel samples the source along one axis: half-pixel centres, edges clamped,
// as tf.image.resizeBilinear(halfPixelCenters) did when it scaled the whole float matte up.
function axis(from: number, to: number) {
  const low = new Int32Array(to);
  const high = new Int32Array(to);
  const frac = new Float64Array(to);
  for (let i = 0; i < to; i += 1) {
    const at = Math.min(from - 1, Math.max(0, ((i + 0.5) * from) / to - 0.5));
    const floor = Math.floor(at);
    low[i] = floor;
    high[i] = Math.min(from - 1, floor + 1);
    frac[i] = at - floor;
  }
  return { low, high, frac };
}

/**
 * Scales the model's small matte up to the picture (bilinear) and splits it at `threshold`: pixels
 * at or above it are person and keep the matte's soft alpha, so hair and edges stay smooth. Each
 * value is made and thresholded on the fly: a full-size float matte would take 4 bytes a pixel
 * (160 MB at the 40 MP limit), where this keeps one byte a pixel.
 */
export function personMask(matte: Matte, image: Pick<DecodedImage, 'width' | 'height'>, threshold: number) {
  const { width, height } = image;
  const values = matte.alpha;
  const xs = axis(matte.width, width);
  const ys = axis(matte.height, height);
  const alpha = Buffer.alloc(width * height);
  let count = 0;
  let [minX, minY, maxX, maxY] = [width, height, -1, -1];
  for (let y = 0; y < height; y += 1) {
    const top = (ys.low[y] ?? 0) * matte.width;
    const bottom = (ys.high[y] ?? 0) * matte.width;
    const fy = ys.frac[y] ?? 0;
    for (let x = 0; x < width; x += 1) {
      const [left, right, fx] = [xs.low[x] ?? 0, xs.high[x] ?? 0, xs.frac[x] ?? 0];
      const upper = (values[top + left] ?? 0) + ((values[top + right] ?? 0) - (values[top + left] ?? 0)) * fx;
      const lower =
        (values[bottom + left] ?? 0) + ((values[bottom + right] ?? 0) - (values[bottom + left] ?? 0)) * fx;
      const value = upper + (lower - upper) * fy;
      if (value < threshold) continue;
      alpha[y * width + x] = Math.max(1, Math.round(value * 255));
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
  return { alpha, width, height, coverage: round(count / (width * height), 4), box } satisfies PersonMask;
}

/**
 * The mask (white = person, grey PNG) and the cut-out (the picture's colours, the mask's alpha, RGBA
 * PNG). sharp derives both from the one alpha plane as it encodes, so no 4-byte-a-pixel RGBA copy
 * of the picture is ever held.
 */
export async function maskPictures(image: DecodedImage, mask: PersonMask): Promise<[ToolImage, ToolImage]> {
  const plane = { raw: { width: mask.width, height: mask.height, channels: 1 as const } };
  const [maskPng, cutoutPng] = await Promise.all([
    sharp(mask.alpha, plane).threshold(1).toColourspace('b-w').png().toBuffer(),
    sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .joinChannel(mask.alpha, plane)
      .png()
      .toBuffer(),
  ]);
  return [
    { data: maskPng, mimeType: 'image/png' },
    { data: cutoutPng, mimeType: 'image/png' },
  ];
}
