import { Tensor } from 'onnxruntime-node';
import { type LineImage, resizeLine, scaledWidth } from './line-image.js';

/**
 * A batch tensor `[N, 3, height, width]` of lines resized to `height` (aspect kept, width capped
 * at `width`), normalised to (x / 255 − 0.5) / 0.5 in BGR order as PaddleOCR trains, and padded
 * on the right with zeros.
 */
export function lineBatchTensor(lines: readonly LineImage[], height: number, width: number): Tensor {
  const plane = height * width;
  const data = new Float32Array(lines.length * 3 * plane);
  lines.forEach((line, n) => {
    const scaled = scaledWidth(line, height, width);
    const pixels = resizeLine(line, scaled, height).data;
    for (let c = 0; c < 3; c++) {
      // BGR: plane c holds source channel 2 − c.
      const channel = 2 - c;
      const base = (n * 3 + c) * plane;
      for (let y = 0; y < height; y++) {
        const row = base + y * width;
        const source = y * scaled * 3 + channel;
        for (let x = 0; x < scaled; x++) data[row + x] = NORMALISED[pixels[source + x * 3] ?? 0] ?? 0;
      }
    }
  });
  return new Tensor('float32', data, [lines.length, 3, height, width]);
}

/** (v / 255 − 0.5) / 0.5 for each 8-bit value. */
const NORMALISED = Float32Array.from({ length: 256 }, (_, v) => v / 127.5 - 1);
