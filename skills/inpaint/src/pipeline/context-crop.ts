import type { Bounds } from './morphology.js';

/** How much of the picture around the hole the model sees. */
export interface ContextOptions {
  /** The model's square input side (512 for LaMa). */
  modelSize: number;
  /** Context on each side as a fraction of the hole's longer side (LaMa fills from what it sees). */
  marginShare?: number;
  /** Context on each side, at least, in pixels. */
  minMargin?: number;
}

/** Moves [start, end) outward to `size` cells within [0, limit), centred where the edges allow. */
function grow(start: number, end: number, size: number, limit: number): [number, number] {
  const target = Math.min(size, limit);
  const extra = target - (end - start);
  if (extra <= 0) return [start, end];
  let from = start - Math.floor(extra / 2);
  from = Math.max(0, Math.min(from, limit - target));
  return [from, from + target];
}

/**
 * The region fed to the model: the hole with a margin of context, made square (the model's input
 * is square, so a square crop keeps shapes undistorted) and at least the model's size where the
 * picture allows (a small hole is then filled at the picture's own resolution, not enlarged).
 */
export function contextRegion(hole: Bounds, width: number, height: number, options: ContextOptions): Bounds {
  const longer = Math.max(hole.x2 - hole.x1, hole.y2 - hole.y1);
  const margin = Math.max(options.minMargin ?? 32, Math.round(longer * (options.marginShare ?? 0.5)));
  const side = Math.max(longer + 2 * margin, options.modelSize);
  const [x1, x2] = grow(Math.max(0, hole.x1 - margin), Math.min(width, hole.x2 + margin), side, width);
  const [y1, y2] = grow(Math.max(0, hole.y1 - margin), Math.min(height, hole.y2 + margin), side, height);
  return { x1, y1, x2, y2 };
}
