import { type DecodedImage, toTensor } from '@mmskills/image';
import type { MapBox } from './db-boxes.js';
import type { Point, Quad } from './geometry.js';

/** A detected text line: its corners in image pixels (reading orientation) and the detector's score. */
export interface TextRegion {
  quad: Quad;
  score: number;
}

/** The DB detector's input, `[1, 3, height, width]` float32, BGR-normalised as PaddleOCR trains. */
export interface DetectorInput {
  data: Float32Array;
  dims: [1, 3, number, number];
}

/** What the detector found: boxes on its probability map, and the map's size. */
export interface DetectorBoxes {
  boxes: MapBox[];
  mapWidth: number;
  mapHeight: number;
}

/** The detector's input size: longer side at most `limit`, both sides multiples of 32. */
export function detectorInputSize(width: number, height: number, limit = 960): [number, number] {
  const ratio = Math.max(width, height) > limit ? limit / Math.max(width, height) : 1;
  const snap = (side: number) => Math.max(32, Math.round((side * ratio) / 32) * 32);
  return [snap(width), snap(height)];
}

/** Resizes (longer side ≤ 960, multiples of 32) and normalises the page for the detector. */
export async function detectorInput(image: DecodedImage): Promise<DetectorInput> {
  const [width, height] = detectorInputSize(image.width, image.height);
  // PaddleOCR trains on OpenCV's BGR pixels with the ImageNet mean/std listed in B, G, R order;
  // normalise in RGB with the lists reversed, then swap the R and B planes.
  const tensor = await toTensor(image, {
    width,
    height,
    fit: 'stretch',
    layout: 'chw',
    mean: [0.406, 0.456, 0.485],
    std: [0.225, 0.224, 0.229],
  });
  const plane = width * height;
  const red = tensor.data.slice(0, plane);
  tensor.data.copyWithin(0, 2 * plane, 3 * plane);
  tensor.data.set(red, 2 * plane);
  return { data: tensor.data, dims: [1, 3, height, width] };
}

/** The detector's boxes mapped back onto the image, without the slivers (3 px or less across). */
export function regionsOnImage(found: DetectorBoxes, image: { width: number; height: number }): TextRegion[] {
  const sx = image.width / found.mapWidth;
  const sy = image.height / found.mapHeight;
  const toImage = (p: Point): Point => [
    Math.min(image.width, Math.max(0, p[0] * sx)),
    Math.min(image.height, Math.max(0, p[1] * sy)),
  ];
  return found.boxes
    .map(({ quad, score }) => ({
      quad: [toImage(quad[0]), toImage(quad[1]), toImage(quad[2]), toImage(quad[3])] as Quad,
      score,
    }))
    .filter(({ quad }) => {
      const [tl, tr, , bl] = quad;
      return Math.hypot(tr[0] - tl[0], tr[1] - tl[1]) > 3 && Math.hypot(bl[0] - tl[0], bl[1] - tl[1]) > 3;
    });
}
