import { MmskillsError } from '@mmskills/core';

/** How a resize fits the image into the requested size, as sharp names it. */
export type Fit = 'contain' | 'cover' | 'fill' | 'inside';

/** The largest side a resize may produce. */
export const MAX_SIDE = 8192;
/** The most pixels a resize may produce, the same ceiling image inputs have. */
export const MAX_PIXELS = 40_000_000;

/**
 * The size a resize will produce. With one side given the other follows the aspect ratio; with
 * both, `inside` keeps the aspect ratio within them and the other fits give exactly that size.
 * @throws MmskillsError `invalid_argument` when the result would be over {@link MAX_SIDE} or {@link MAX_PIXELS}.
 */
export function planResize(
  source: { width: number; height: number },
  target: { width?: number | undefined; height?: number | undefined },
  fit: Fit,
): { width: number; height: number } {
  const ratio = source.width / source.height;
  let width: number;
  let height: number;
  if (target.width !== undefined && target.height !== undefined) {
    const scale = Math.min(target.width / source.width, target.height / source.height);
    [width, height] =
      fit === 'inside'
        ? [Math.max(1, Math.round(source.width * scale)), Math.max(1, Math.round(source.height * scale))]
        : [target.width, target.height];
  } else if (target.width !== undefined) {
    [width, height] = [target.width, Math.max(1, Math.round(target.width / ratio))];
  } else if (target.height !== undefined) {
    [width, height] = [Math.max(1, Math.round(target.height * ratio)), target.height];
  } else {
    throw new MmskillsError('invalid_argument', 'resize needs width, height or both');
  }
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    throw new MmskillsError(
      'invalid_argument',
      `resizing ${source.width}×${source.height} that way gives ${width}×${height}, over the limit of ` +
        `${MAX_SIDE} pixels per side and ${MAX_PIXELS / 1_000_000} megapixels; ask for a smaller size`,
    );
  }
  return { width, height };
}
