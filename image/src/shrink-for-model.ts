import sharp from 'sharp';
import type { DecodedImage } from './decode.js';

type Sizes = { size?: Record<string, unknown>; crop_size?: Record<string, unknown> };

/**
 * The largest side the processor resizes or crops a picture to (its `size` and `crop_size`), or
 * `fallback` where its config names none.
 */
export function processorSide(processor: unknown, fallback: number): number {
  const own = processor as Sizes & { image_processor?: Sizes };
  const config = own.image_processor ?? own;
  const sides = [config.size, config.crop_size]
    .flatMap((size) => Object.values(size ?? {}))
    .filter((side): side is number => typeof side === 'number' && side > 0);
  return sides.length > 0 ? Math.max(...sides) : fallback;
}

/**
 * The picture shrunk, its aspect kept, until its shorter side is twice `side` (the model's input):
 * the processor resizes it to that input anyway, and a decode at the 40 MP limit handed to it whole
 * held three more full-size copies. A picture already that small is returned as it is.
 */
export async function shrunkForModel(image: DecodedImage, side: number): Promise<DecodedImage> {
  return scaledDown(image, (2 * side) / Math.min(image.width, image.height));
}

/** The picture scaled by `scale` (aspect kept, sharp's default kernel), or as it is when `scale` ≥ 1. */
export async function scaledDown(image: DecodedImage, scale: number): Promise<DecodedImage> {
  if (scale >= 1) return image;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { ...image, data, width: info.width, height: info.height };
}
