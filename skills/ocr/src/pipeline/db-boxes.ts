import {
  growRect,
  insideQuad,
  minAreaRect,
  type Point,
  type Quad,
  type RotatedRect,
  rectCorners,
} from './geometry.js';

/** DB post-processing settings, PaddleOCR's defaults for PP-OCRv4. */
export interface DbOptions {
  /** Probability above which a pixel is text. */
  threshold: number;
  /** Mean probability inside a box below which the box is dropped. */
  boxThreshold: number;
  /** How far boxes grow back out: offset = area × ratio / perimeter. */
  unclipRatio: number;
  maxCandidates: number;
  /** Boxes whose shorter side is under this (map pixels) are noise. */
  minSize: number;
}

export const DEFAULT_DB_OPTIONS: DbOptions = {
  threshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.5,
  maxCandidates: 1000,
  minSize: 3,
};

/** A text region found in the probability map, in map pixels. */
export interface MapBox {
  quad: Quad;
  score: number;
}

/** Boundary pixels of each 8-connected component of the thresholded map, largest first. */
function componentOutlines(prob: Float32Array, width: number, height: number, threshold: number): Point[][] {
  // Text pixels, with a one-pixel frame of background so that neighbours need no bounds checks.
  const stride = width + 2;
  const on = new Uint8Array(stride * (height + 2));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      on[(y + 1) * stride + x + 1] = (prob[y * width + x] ?? 0) > threshold ? 1 : 0;
  }
  const seen = new Uint8Array(on.length);
  const stack = new Int32Array(width * height);
  const neighbours = [-stride - 1, -stride, -stride + 1, -1, 0, 1, stride - 1, stride, stride + 1];
  const outlines: Point[][] = [];
  for (let start = 0; start < on.length; start++) {
    if (on[start] === 0 || seen[start] === 1) continue;
    const outline: Point[] = [];
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const index = stack[--top] ?? 0;
      if (
        on[index - 1] === 0 ||
        on[index + 1] === 0 ||
        on[index - stride] === 0 ||
        on[index + stride] === 0
      ) {
        outline.push([(index % stride) - 1, Math.floor(index / stride) - 1]);
      }
      for (const step of neighbours) {
        const next = index + step;
        if (on[next] === 1 && seen[next] === 0) {
          seen[next] = 1;
          stack[top++] = next;
        }
      }
    }
    outlines.push(outline);
  }
  return outlines.sort((a, b) => b.length - a.length);
}

/** Mean probability over the map pixels inside the quad (PaddleOCR's "fast" box score). */
function boxScore(prob: Float32Array, width: number, height: number, quad: Quad): number {
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  let sum = 0;
  let count = 0;
  const point: [number, number] = [0, 0];
  for (let y = y0; y <= y1; y++) {
    point[1] = y;
    for (let x = x0; x <= x1; x++) {
      point[0] = x;
      if (!insideQuad(quad, point)) continue;
      sum += prob[y * width + x] ?? 0;
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

/** Grows a shrunk text kernel back to the text's extent (DB's unclip; exact for a rectangle). */
function unclip(rect: RotatedRect, ratio: number): RotatedRect {
  const perimeter = 2 * (rect.width + rect.height);
  const area = rect.width * rect.height;
  return perimeter > 0 ? growRect(rect, (area * ratio) / perimeter) : rect;
}

/**
 * DB (Differentiable Binarization) post-processing: threshold the text probability map, take
 * each connected region's minimum-area rectangle, keep it when its mean probability is high
 * enough, and grow it by the unclip offset. Boxes are in map pixels.
 * @see https://arxiv.org/abs/1911.08947
 */
export function boxesFromProbabilityMap(
  prob: Float32Array,
  width: number,
  height: number,
  options: DbOptions = DEFAULT_DB_OPTIONS,
): MapBox[] {
  const boxes: MapBox[] = [];
  const outlines = componentOutlines(prob, width, height, options.threshold);
  for (const outline of outlines.slice(0, options.maxCandidates)) {
    const rect = minAreaRect(outline);
    if (Math.min(rect.width, rect.height) < options.minSize) continue;
    const score = boxScore(prob, width, height, rectCorners(rect));
    if (score < options.boxThreshold) continue;
    const grown = unclip(rect, options.unclipRatio);
    if (Math.min(grown.width, grown.height) < options.minSize + 2) continue;
    boxes.push({ quad: rectCorners(grown), score });
  }
  return boxes;
}
