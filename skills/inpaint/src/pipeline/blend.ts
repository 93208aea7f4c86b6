import { type BinaryMask, type Bounds, insideDistance } from './morphology.js';

/** Cuts a region out of a mask (the mask itself where the region is all of it). */
export function cropMask(mask: BinaryMask, region: Bounds): BinaryMask {
  const width = region.x2 - region.x1;
  const height = region.y2 - region.y1;
  if (region.x1 === 0 && region.y1 === 0 && width === mask.width && height === mask.height) return mask;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (region.y1 + y) * mask.width + region.x1;
    data.set(mask.data.subarray(from, from + width), y * width);
  }
  return { data, width, height };
}

/**
 * How much of the fill each pixel of the grown mask takes (0..1): all of it on the hole itself, so
 * nothing of the object shows through, and a ramp across the `feather` pixels of the grown band
 * next to the kept picture, so the seam does not show. Pixels off the grown mask take none. A
 * function of the pixel's index, so no full-size plane of weights is held (distances past the
 * ramp are capped, one byte a pixel).
 */
export function fillWeights(hole: BinaryMask, grown: BinaryMask, feather: number): (index: number) => number {
  const distance = insideDistance(grown, feather + 1);
  return (index) => {
    if (!grown.data[index]) return 0;
    return hole.data[index] ? 1 : Math.min(1, (distance[index] ?? 0) / (feather + 1));
  };
}

/**
 * Lays an RGB fill of `region`'s size onto the RGB picture, in place, by the weights; a pixel of
 * weight 0 is not written, so everything off the mask keeps its exact bytes.
 */
export function blendRegion(
  picture: { data: Uint8Array; width: number },
  region: Bounds,
  fill: Uint8Array,
  weightOf: (index: number) => number,
): void {
  const width = region.x2 - region.x1;
  for (let y = region.y1; y < region.y2; y++) {
    for (let x = region.x1; x < region.x2; x++) {
      const local = (y - region.y1) * width + (x - region.x1);
      const weight = weightOf(local);
      if (weight <= 0) continue;
      const at = (y * picture.width + x) * 3;
      for (let channel = 0; channel < 3; channel++) {
        const kept = picture.data[at + channel] ?? 0;
        const filled = fill[local * 3 + channel] ?? 0;
        picture.data[at + channel] = Math.round(weight * filled + (1 - weight) * kept);
      }
    }
  }
}
