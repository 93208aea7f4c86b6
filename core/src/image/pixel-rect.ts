import type { AnyBox } from './box.js';

/** A whole-pixel rectangle: `left`, `top` and a size of at least 1×1. */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

// Absorbs float noise such as 0.3 × 100 = 30.000000000000004, which would otherwise round outward.
const EPSILON = 1e-6;

/**
 * The pixels a normalised box covers in a `width` × `height` image, rounded outward so that a
 * partly covered pixel is included; `padding` widens each side by that fraction of the box size.
 * The result is clamped to the image and never empty.
 */
export function toPixelRect(box: AnyBox, width: number, height: number, padding = 0): PixelRect {
  const padX = (box[2] - box[0]) * padding;
  const padY = (box[3] - box[1]) * padding;
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
  const left = clamp(Math.floor((box[0] - padX) * width + EPSILON), width - 1);
  const top = clamp(Math.floor((box[1] - padY) * height + EPSILON), height - 1);
  const right = clamp(Math.ceil((box[2] + padX) * width - EPSILON), width);
  const bottom = clamp(Math.ceil((box[3] + padY) * height - EPSILON), height);
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

/** `[x1, y1, x2, y2]` in pixels, right and bottom exclusive. */
export function rectCorners(rect: PixelRect): [number, number, number, number] {
  return [rect.left, rect.top, rect.left + rect.width, rect.top + rect.height];
}

/** A pixel rectangle as a normalised box, rounded to 4 decimals. */
export function rectToBox(rect: PixelRect, width: number, height: number): [number, number, number, number] {
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  const [x1, y1, x2, y2] = rectCorners(rect);
  return [round(x1 / width), round(y1 / height), round(x2 / width), round(y2 / height)];
}
