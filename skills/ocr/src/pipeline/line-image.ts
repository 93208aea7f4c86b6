/** One text line cut out of the image: 8-bit RGB, rows top to bottom. */
export interface LineImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Where each target pixel samples a source axis: two neighbours and the second one's weight. */
interface Taps {
  near: Int32Array;
  far: Int32Array;
  weight: Float64Array;
}

function taps(source: number, target: number): Taps {
  const near = new Int32Array(target);
  const far = new Int32Array(target);
  const weight = new Float64Array(target);
  const scale = source / target;
  for (let i = 0; i < target; i++) {
    const f = Math.min(source - 1, Math.max(0, (i + 0.5) * scale - 0.5));
    const index = Math.floor(f);
    near[i] = index;
    far[i] = Math.min(source - 1, index + 1);
    weight[i] = f - index;
  }
  return { near, far, weight };
}

/** Bilinear resize with pixel-centre alignment (as OpenCV's INTER_LINEAR). */
export function resizeLine(image: LineImage, width: number, height: number): LineImage {
  const out = new Uint8Array(width * height * 3);
  const xs = taps(image.width, width);
  const ys = taps(image.height, height);
  const src = image.data;
  const stride = image.width * 3;
  for (let y = 0; y < height; y++) {
    const upper = (ys.near[y] ?? 0) * stride;
    const lower = (ys.far[y] ?? 0) * stride;
    const wy = ys.weight[y] ?? 0;
    for (let x = 0; x < width; x++) {
      const left = (xs.near[x] ?? 0) * 3;
      const right = (xs.far[x] ?? 0) * 3;
      const wx = xs.weight[x] ?? 0;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const a = src[upper + left + c] ?? 0;
        const b = src[upper + right + c] ?? 0;
        const d = src[lower + left + c] ?? 0;
        const e = src[lower + right + c] ?? 0;
        const top = a + (b - a) * wx;
        const bottom = d + (e - d) * wx;
        out[o + c] = Math.round(top + (bottom - top) * wy);
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
