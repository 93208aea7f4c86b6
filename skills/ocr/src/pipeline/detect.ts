import { type DecodedImage, toTensor } from '@mmskills/image';
import { type InferenceSession, Tensor } from 'onnxruntime-node';
import { boxesFromProbabilityMap, type DbOptions, DEFAULT_DB_OPTIONS } from './db-boxes.js';
import type { Point, Quad } from './geometry.js';

/** A detected text line: its corners in image pixels (reading orientation) and the detector's score. */
export interface TextRegion {
  quad: Quad;
  score: number;
}

/** The detector's input size: longer side at most `limit`, both sides multiples of 32. */
export function detectorInputSize(width: number, height: number, limit = 960): [number, number] {
  const ratio = Math.max(width, height) > limit ? limit / Math.max(width, height) : 1;
  const snap = (side: number) => Math.max(32, Math.round((side * ratio) / 32) * 32);
  return [snap(width), snap(height)];
}

async function detectorInput(image: DecodedImage, width: number, height: number): Promise<Tensor> {
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
  return new Tensor('float32', tensor.data, tensor.dims);
}

/**
 * Finds text lines with the DB detector: resize (longer side ≤ 960, multiples of 32), normalise,
 * run, post-process the probability map, and map the boxes back onto the image.
 */
export async function detectText(
  session: InferenceSession,
  image: DecodedImage,
  options: DbOptions = DEFAULT_DB_OPTIONS,
): Promise<TextRegion[]> {
  const [inputWidth, inputHeight] = detectorInputSize(image.width, image.height);
  const input = await detectorInput(image, inputWidth, inputHeight);
  const outputs = await session.run({ [session.inputNames[0] ?? 'x']: input });
  const output = outputs[session.outputNames[0] ?? ''];
  const dims = output?.dims ?? [];
  if (output === undefined || dims.length !== 4 || dims[0] !== 1 || dims[1] !== 1) {
    throw new Error(`the text detector returned dims [${dims.join(', ')}], not [1, 1, H, W]`);
  }
  const mapHeight = dims[2] ?? 0;
  const mapWidth = dims[3] ?? 0;
  const boxes = boxesFromProbabilityMap(output.data as Float32Array, mapWidth, mapHeight, options);
  input.dispose();
  output.dispose();
  const sx = image.width / mapWidth;
  const sy = image.height / mapHeight;
  const toImage = (p: Point): Point => [
    Math.min(image.width, Math.max(0, p[0] * sx)),
    Math.min(image.height, Math.max(0, p[1] * sy)),
  ];
  return boxes
    .map(({ quad, score }) => ({
      quad: [toImage(quad[0]), toImage(quad[1]), toImage(quad[2]), toImage(quad[3])] as Quad,
      score,
    }))
    .filter(({ quad }) => {
      const [tl, tr, , bl] = quad;
      return Math.hypot(tr[0] - tl[0], tr[1] - tl[1]) > 3 && Math.hypot(bl[0] - tl[0], bl[1] - tl[1]) > 3;
    });
}
