import { type AnyBox, type Box, clampBox, normaliseBox } from '@mmskills/core';
import type { Letterbox } from '@mmskills/image';

/**
 * Maps a box in model-input pixels back through a letterbox (original = (input − pad) / scale)
 * and normalises it to 0..1 of the original `width` × `height`, clamped to the image.
 */
export function unletterbox(box: AnyBox, letterbox: Letterbox, width: number, height: number): Box {
  const { scale, padX, padY } = letterbox;
  const pixels = [
    (box[0] - padX) / scale,
    (box[1] - padY) / scale,
    (box[2] - padX) / scale,
    (box[3] - padY) / scale,
  ] as const;
  return clampBox(normaliseBox(pixels, width, height));
}
