import { Tensor } from 'onnxruntime-node';

/** One text line cut out of the image: 8-bit RGB, rows top to bottom. */
export interface LineImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Bilinear resize with pixel-centre alignment (as OpenCV's INTER_LINEAR). */
export function resizeLine(image: LineImage, width: number, height: number): LineImage {
  const out = new Uint8Array(width * height * 3);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(image.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(image.width - 1, x0 + 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const a = image.data[(y0 * image.width + x0) * 3 + c] ?? 0;
        const b = image.data[(y0 * image.width + x1) * 3 + c] ?? 0;
        const d = image.data[(y1 * image.width + x0) * 3 + c] ?? 0;
        const e = image.data[(y1 * image.width + x1) * 3 + c] ?? 0;
        const top = a + (b - a) * wx;
        const bottom = d + (e - d) * wx;
        out[(y * width + x) * 3 + c] = Math.round(top + (bottom - top) * wy);
      }
    }
  }
  return { data: out, width, height };
}

/** The line turned upside down. */
export function rotate180(image: LineImage): LineImage {
  const out = new Uint8Array(image.data.length);
  const pixels = image.width * image.height;
  for (let i = 0; i < pixels; i++) {
    const j = pixels - 1 - i;
    out[j * 3] = image.data[i * 3] ?? 0;
    out[j * 3 + 1] = image.data[i * 3 + 1] ?? 0;
    out[j * 3 + 2] = image.data[i * 3 + 2] ?? 0;
  }
  return { data: out, width: image.width, height: image.height };
}

/** The line turned a quarter counter-clockwise (NumPy's `rot90`). */
export function rotate90CounterClockwise(image: LineImage): LineImage {
  const { width, height } = image;
  const out = new Uint8Array(image.data.length);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < height; x++) {
      const source = (x * width + (width - 1 - y)) * 3;
      const target = (y * height + x) * 3;
      out[target] = image.data[source] ?? 0;
      out[target + 1] = image.data[source + 1] ?? 0;
      out[target + 2] = image.data[source + 2] ?? 0;
    }
  }
  return { data: out, width: height, height: width };
}

/** The width a line takes in a batch of `height` rows: aspect kept, capped at `width`. */
export function scaledWidth(line: LineImage, height: number, width: number): number {
  return Math.min(width, Math.max(1, Math.ceil((height * line.width) / line.height)));
}

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
    const resized = resizeLine(line, scaled, height);
    const base = n * 3 * plane;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < scaled; x++) {
        const source = (y * scaled + x) * 3;
        for (let c = 0; c < 3; c++) {
          const value = resized.data[source + 2 - c] ?? 0;
          data[base + c * plane + y * width + x] = value / 127.5 - 1;
        }
      }
    }
  });
  return new Tensor('float32', data, [lines.length, 3, height, width]);
}
