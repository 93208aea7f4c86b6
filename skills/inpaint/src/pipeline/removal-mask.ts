import { type AnyBox, MmskillsError, toPixelRect } from '@mmskills/core';
import type { DecodedImage } from '@mmskills/image';
import sharp from 'sharp';
import type { BinaryMask } from './morphology.js';

// A mask's grey levels: at or above this is "remove" (white), below is "keep" (black).
const WHITE = 128;
// Grey levels this far from black or white, or this colourful, are neither: a photo, not a mask.
const NEAR = 48;
const MAX_UNCLEAR_SHARE = 0.1;
// A mask scaled for display may be a pixel off in either side; more than this is another shape.
const ASPECT_TOLERANCE = 0.02;

const invalid = (message: string) => new MmskillsError('invalid_argument', message);

function checkShape(mask: DecodedImage, width: number, height: number): void {
  const ratio = mask.width / mask.height / (width / height);
  const offByAPixel = Math.abs(mask.width / width - mask.height / height) * Math.max(width, height) <= 1.5;
  if (Math.abs(ratio - 1) > ASPECT_TOLERANCE && !offByAPixel) {
    throw invalid(
      `mask is ${mask.width}×${mask.height} but the image is ${width}×${height}: their shapes differ, so the mask ` +
        'cannot be scaled onto the image; send the mask made for this image (any size of the same shape)',
    );
  }
}

/** The mask's grey levels, refusing a picture that is not a black-and-white mask. */
function greyLevels(mask: DecodedImage): Uint8Array {
  if (mask.source?.hasAlpha) {
    throw invalid(
      'mask has an alpha channel (transparency); send an opaque black-and-white mask (white = remove), not a cut-out',
    );
  }
  const pixels = mask.width * mask.height;
  const grey = new Uint8Array(pixels);
  let unclear = 0;
  for (let i = 0; i < pixels; i++) {
    const r = mask.data[i * 3] ?? 0;
    const g = mask.data[i * 3 + 1] ?? 0;
    const b = mask.data[i * 3 + 2] ?? 0;
    const level = Math.round((r + g + b) / 3);
    grey[i] = level;
    const colourful = Math.max(r, g, b) - Math.min(r, g, b) > NEAR;
    if (colourful || (level > NEAR && level < 255 - NEAR)) unclear++;
  }
  if (unclear / pixels > MAX_UNCLEAR_SHARE) {
    throw invalid(
      `mask is not black and white: ${Math.round((unclear / pixels) * 100)}% of its pixels are colours or mid-greys; ` +
        'send a mask where white marks what to remove and black what to keep (a photo is not a mask)',
    );
  }
  return grey;
}

/** White pixels of a mask picture, scaled onto a `width` × `height` image. */
export async function maskFromPicture(
  mask: DecodedImage,
  width: number,
  height: number,
): Promise<BinaryMask> {
  checkShape(mask, width, height);
  let grey = greyLevels(mask);
  if (mask.width !== width || mask.height !== height) {
    const { data, info } = await sharp(grey, { raw: { width: mask.width, height: mask.height, channels: 1 } })
      .resize(width, height, { fit: 'fill', kernel: 'linear' })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.width !== width || info.height !== height || info.channels !== 1) {
      throw new MmskillsError(
        'internal',
        `scaling the mask gave ${info.width}×${info.height}×${info.channels}`,
      );
    }
    grey = data;
  }
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = (grey[i] ?? 0) >= WHITE ? 1 : 0;
  return { data, width, height };
}

/** Sets every pixel the normalised boxes cover (rounded outward), in place. */
export function addBoxes(mask: BinaryMask, boxes: readonly AnyBox[]): void {
  for (const box of boxes) {
    const rect = toPixelRect(box, mask.width, mask.height);
    for (let y = rect.top; y < rect.top + rect.height; y++) {
      mask.data.fill(1, y * mask.width + rect.left, y * mask.width + rect.left + rect.width);
    }
  }
}

export const emptyMask = (width: number, height: number): BinaryMask => ({
  data: new Uint8Array(width * height),
  width,
  height,
});
