import type { DecodedImage } from '@mmskills/image';
import type { Point, Quad } from './geometry.js';
import { type LineImage, rotate90CounterClockwise } from './line-image.js';

type Matrix3 = [number, number, number, number, number, number, number, number, number];

/** Solves `a · x = b` (n × n, row-major) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(m[row]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = row;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const lead = m[col] as number[];
    const div = lead[col] ?? 0;
    if (Math.abs(div) < 1e-12) throw new Error('degenerate text box');
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const target = m[row] as number[];
      const factor = (target[col] ?? 0) / div;
      for (let k = col; k <= n; k++) target[k] = (target[k] ?? 0) - factor * (lead[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/** The projective map taking each `from` point to the matching `to` point. */
function homography(from: readonly Point[], to: readonly Point[]): Matrix3 {
  const a: number[][] = [];
  const b: number[] = [];
  from.forEach(([x, y], i) => {
    const [u, v] = to[i] ?? [0, 0];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  });
  return [...solve(a, b), 1] as Matrix3;
}

/** Bilinear sample at (fx, fy) into `out[offset..offset + 2]`; outside, the edge pixel repeats (BORDER_REPLICATE). */
function sample(image: DecodedImage, fx: number, fy: number, out: Uint8Array, offset: number): void {
  const { data, width, height } = image;
  const x = Math.min(width - 1, Math.max(0, fx));
  const y = Math.min(height - 1, Math.max(0, fy));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const right = x0 + 1 < width ? 3 : 0;
  const below = y0 + 1 < height ? width * 3 : 0;
  const wx = x - x0;
  const wy = y - y0;
  const at = (y0 * width + x0) * 3;
  for (let c = at; c < at + 3; c++) {
    const top = (data[c] ?? 0) * (1 - wx) + (data[c + right] ?? 0) * wx;
    const bottom = (data[c + below] ?? 0) * (1 - wx) + (data[c + below + right] ?? 0) * wx;
    out[offset + c - at] = Math.round(top * (1 - wy) + bottom * wy);
  }
}

function lerp(a: Point, b: Point, t: number): Point {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** The segment `a`–`b` made longer by `distance` at each end. */
function extend(a: Point, b: Point, distance: number): [Point, Point] {
  const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (length === 0) return [a, b];
  const t = distance / length;
  return [lerp(a, b, -t), lerp(a, b, 1 + t)];
}

/**
 * The quad widened across its text direction by `across` of its thickness on each side, and
 * lengthened along it by `along` of its thickness at each end.
 */
function pad(quad: Quad, across: number, along: number, vertical: boolean): Quad {
  const [tl, tr, br, bl] = quad;
  if (vertical) {
    const [top, bottom] = [lerp(tl, tr, -across), lerp(bl, br, -across)];
    const [right, rightBottom] = [lerp(tl, tr, 1 + across), lerp(bl, br, 1 + across)];
    const thickness = Math.hypot(tr[0] - tl[0], tr[1] - tl[1]);
    const [a, d] = extend(top, bottom, along * thickness);
    const [b, c] = extend(right, rightBottom, along * thickness);
    return [a, b, c, d];
  }
  const [top, topRight] = [lerp(tl, bl, -across), lerp(tr, br, -across)];
  const [bottom, bottomRight] = [lerp(tl, bl, 1 + across), lerp(tr, br, 1 + across)];
  const thickness = Math.hypot(bl[0] - tl[0], bl[1] - tl[1]);
  const [a, b] = extend(top, topRight, along * thickness);
  const [d, c] = extend(bottom, bottomRight, along * thickness);
  return [a, b, c, d];
}

function sides(quad: Quad): [number, number] {
  const [tl, tr, br, bl] = quad;
  const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  return [Math.max(distance(tl, tr), distance(bl, br)), Math.max(distance(tl, bl), distance(tr, br))];
}

/**
 * Cuts a text box out of the image and warps it flat into an upright rectangle (perspective
 * correction), the box's top-left corner at the crop's top-left. A box at least 1.5 times as tall
 * as wide is vertical text and its crop is turned a quarter counter-clockwise, as PaddleOCR does.
 * `margin` widens the crop across the text by that fraction of the line's thickness on each side.
 */
export function cropLine(image: DecodedImage, box: Quad, margin = 0, along = 0): LineImage {
  const [boxWidth, boxHeight] = sides(box);
  const vertical = boxHeight >= 1.5 * boxWidth;
  const quad = pad(box, margin, along, vertical);
  const [quadWidth, quadHeight] = sides(quad);
  const width = Math.max(1, Math.round(quadWidth));
  const height = Math.max(1, Math.round(quadHeight));
  const map = homography(
    [
      [0, 0],
      [width, 0],
      [width, height],
      [0, height],
    ],
    quad,
  );
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = map[6] * x + map[7] * y + map[8];
      const sx = (map[0] * x + map[1] * y + map[2]) / w;
      const sy = (map[3] * x + map[4] * y + map[5]) / w;
      sample(image, sx, sy, data, (y * width + x) * 3);
    }
  }
  const line = { data, width, height };
  return vertical ? rotate90CounterClockwise(line) : line;
}
