/**
 * A binary mask, one byte per pixel (0 = keep, 1 = remove), rows top to bottom. Every operation
 * here is linear in the pixel count, so a 40-megapixel mask stays cheap.
 */
export interface BinaryMask {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A whole-pixel rectangle, right and bottom exclusive. */
export interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Grows one line of `length` cells (stride `step`) by `radius` cells on each side, in place. */
function dilateLine(
  data: Uint8Array,
  start: number,
  step: number,
  length: number,
  radius: number,
  scratch: Uint8Array,
) {
  // Distance to the nearest set cell, swept forward then backward: O(length) for any radius.
  let since = Number.POSITIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    since = data[start + i * step] ? 0 : since + 1;
    scratch[i] = since <= radius ? 1 : 0;
  }
  since = Number.POSITIVE_INFINITY;
  for (let i = length - 1; i >= 0; i--) {
    since = data[start + i * step] ? 0 : since + 1;
    if (since <= radius) scratch[i] = 1;
  }
  for (let i = 0; i < length; i++) data[start + i * step] = scratch[i] ?? 0;
}

/** The mask grown by `radius` pixels in every direction (a square neighbourhood), as a new mask. */
export function dilate(mask: BinaryMask, radius: number): BinaryMask {
  const { width, height } = mask;
  const data = Uint8Array.from(mask.data);
  if (radius <= 0) return { data, width, height };
  const scratch = new Uint8Array(Math.max(width, height));
  for (let y = 0; y < height; y++) dilateLine(data, y * width, 1, width, radius, scratch);
  for (let x = 0; x < width; x++) dilateLine(data, x, width, height, radius, scratch);
  return { data, width, height };
}

/** The smallest rectangle holding every set pixel, or undefined for an empty mask. */
export function boundsOf(mask: BinaryMask): Bounds | undefined {
  const { data, width, height } = mask;
  let x1 = width;
  let y1 = height;
  let x2 = -1;
  let y2 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (!data[row + x]) continue;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      y2 = y;
    }
  }
  return x2 < 0 ? undefined : { x1, y1, x2: x2 + 1, y2: y2 + 1 };
}

export function countSet(mask: BinaryMask): number {
  let count = 0;
  for (const value of mask.data) count += value;
  return count;
}

/**
 * For each set pixel, its chessboard distance to the nearest unset pixel (1 next to one); 0 off
 * the mask. Past the border the mask counts as set: there is nothing there to blend with. With
 * `cap` (at most 255), distances past it read as `cap`, one byte a pixel instead of four.
 */
export function insideDistance(mask: BinaryMask, cap?: number): Int32Array | Uint8Array {
  const { data, width, height } = mask;
  const far = cap === undefined ? width + height : Math.min(cap, 255, width + height);
  const distance = cap === undefined ? new Int32Array(width * height) : new Uint8Array(width * height);
  for (let i = 0; i < distance.length; i++) if (data[i]) distance[i] = far;
  const at = (x: number, y: number) =>
    x < 0 || y < 0 || x >= width || y >= height ? far : (distance[y * width + x] ?? 0);
  // Two-pass chamfer transform with unit weights on all eight neighbours.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      if (!data[index]) continue;
      distance[index] = Math.min(
        far,
        1 + Math.min(at(x - 1, y), at(x - 1, y - 1), at(x, y - 1), at(x + 1, y - 1)),
      );
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const index = y * width + x;
      if (!data[index]) continue;
      const below = 1 + Math.min(at(x + 1, y), at(x + 1, y + 1), at(x, y + 1), at(x - 1, y + 1));
      if (below < (distance[index] ?? 0)) distance[index] = below;
    }
  }
  return distance;
}
