import { type AnyBox, MmskillsError } from '@mmskills/core';
import { ImageBudgetSchema } from '@mmskills/skill-kit';

/** The longer side a zoom aims for unless told otherwise: enough for a vision model to read small print. */
export const ZOOM_TARGET_SIDE = 768;
/** The most a zoom enlarges: past 4× lanczos3 only invents blur, and a speck of a box would explode. */
export const ZOOM_MAX_SCALE = 4;
/**
 * The longest side a zoom returns: the default inline picture budget, so a zoom comes back as
 * made rather than scaled down again on the way (a client with a smaller budget still gets it
 * scaled inline and at full size by its resource link).
 */
export const ZOOM_MAX_SIDE = ImageBudgetSchema.parse({}).maxSide;

/**
 * Refuses a box that covers less than one pixel of a `width` × `height` image either way: its
 * zoom would be one smeared pixel, whatever the padding adds around it.
 * @throws MmskillsError `invalid_argument`
 */
export function checkZoomBox(box: AnyBox, width: number, height: number): void {
  const boxWidth = (box[2] - box[0]) * width;
  const boxHeight = (box[3] - box[1]) * height;
  if (boxWidth >= 1 && boxHeight >= 1) return;
  const size = (value: number) => Number(value.toPrecision(2));
  throw new MmskillsError(
    'invalid_argument',
    `box [${box.join(', ')}] covers ${size(boxWidth)}×${size(boxHeight)} pixels of the ${width}×${height} image, ` +
      'less than one pixel; give a box at least one pixel wide and tall',
  );
}

/**
 * The size a region of `region.width` × `region.height` is zoomed to: enlarged until its longer
 * side reaches `targetSide`, by at most {@link ZOOM_MAX_SCALE}, never shrunk except to stay within
 * {@link ZOOM_MAX_SIDE}. `scale` is the factor applied to the longer side, to 4 decimals.
 */
export function planZoom(
  region: { width: number; height: number },
  targetSide: number,
): { width: number; height: number; scale: number } {
  const longest = Math.max(region.width, region.height);
  const factor = Math.min(Math.max(1, targetSide / longest), ZOOM_MAX_SCALE, ZOOM_MAX_SIDE / longest);
  const width = Math.max(1, Math.round(region.width * factor));
  const height = Math.max(1, Math.round(region.height * factor));
  const scale = Math.round((Math.max(width, height) / longest) * 10_000) / 10_000;
  return { width, height, scale };
}
