import { MmskillsError } from '@mmskills/core';
import type { DecodedImage } from '@mmskills/image';
import { blendRegion, cropMask, fillWeights } from './blend.js';
import { contextRegion } from './context-crop.js';
import type { LoadedLama } from './lama-model.js';
import { cropResized, imagePlanes, maskPlane, planesToRgb, resizeRgb } from './model-input.js';
import { type BinaryMask, type Bounds, boundsOf, countSet, dilate } from './morphology.js';

/** How the hole is grown and blended. */
export interface FillOptions {
  /** Pixels the hole grows by before filling, so its edges (and a mask's soft rim) are covered. */
  dilate: number;
  /** Pixels of the grown band over which the fill fades into the kept picture. */
  feather: number;
  onStage?: (stage: string) => void;
}

/** The filled picture, what changed, and what the model saw. */
export interface FilledPicture {
  data: Uint8Array;
  changedPixels: number;
  changed: Bounds;
  context: Bounds;
}

/**
 * Removes what `hole` marks: grows it, crops the hole with context around it, runs LaMa on the crop
 * at the model's size, scales the fill back and lays it onto a copy of the picture under the grown
 * hole only. Pixels off the grown hole are never written. The fill goes into `image.data` itself,
 * which the result's `data` is.
 */
export async function fillHole(
  image: DecodedImage,
  hole: BinaryMask,
  lama: LoadedLama,
  options: FillOptions,
): Promise<FilledPicture> {
  const grown = dilate(hole, options.dilate);
  const changed = boundsOf(grown);
  if (!changed) throw new MmskillsError('invalid_argument', 'nothing to remove: the mask is empty');
  const context = contextRegion(changed, image.width, image.height, { modelSize: lama.size });
  const [cropWidth, cropHeight] = [context.x2 - context.x1, context.y2 - context.y1];
  const grownCrop = cropMask(grown, context);

  options.onStage?.(`filling a ${cropWidth}×${cropHeight} region with LaMa`);
  const input = await cropResized(image, context, lama.size, lama.size);
  const output = await lama.fill(imagePlanes(input), maskPlane(grownCrop, lama.size));
  const fill = await resizeRgb(planesToRgb(output, lama.size, lama.size), cropWidth, cropHeight);

  options.onStage?.('blending the fill into the picture');
  const weights = fillWeights(cropMask(hole, context), grownCrop, options.feather);
  // Into the decoded picture itself: a copy would be another 3 bytes a pixel.
  const { data } = image;
  blendRegion({ data, width: image.width }, context, fill.data, weights);
  return { data, changedPixels: countSet(grownCrop), changed, context };
}
