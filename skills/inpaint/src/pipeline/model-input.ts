import sharp from 'sharp';
import type { BinaryMask, Bounds } from './morphology.js';

/** RGB pixels with their size. */
export interface Rgb {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Cuts a region out of an RGB picture. */
export function cropRgb(picture: Rgb, region: Bounds): Rgb {
  const width = region.x2 - region.x1;
  const height = region.y2 - region.y1;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((region.y1 + y) * picture.width + region.x1) * 3;
    data.set(picture.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { data, width, height };
}

/** Resamples RGB pixels to `width` × `height` (stretching), with lanczos3 as sharp does it. */
export async function resizeRgb(picture: Rgb, width: number, height: number): Promise<Rgb> {
  if (picture.width === width && picture.height === height) return picture;
  const data = await sharp(picture.data, {
    raw: { width: picture.width, height: picture.height, channels: 3 },
  })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return { data, width, height };
}

/**
 * A region of an RGB picture resampled to `width` × `height`: the same pixels as cropRgb then
 * resizeRgb, but sharp cuts the region out as it reads, so no copy of a large region is held.
 */
export async function cropResized(picture: Rgb, region: Bounds, width: number, height: number): Promise<Rgb> {
  const crop = {
    left: region.x1,
    top: region.y1,
    width: region.x2 - region.x1,
    height: region.y2 - region.y1,
  };
  if (crop.width === width && crop.height === height) return cropRgb(picture, region);
  const data = await sharp(picture.data, {
    raw: { width: picture.width, height: picture.height, channels: 3 },
  })
    .extract(crop)
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return { data, width, height };
}

/** RGB as LaMa's `image` input: [1, 3, h, w] planes in 0..1. */
export function imagePlanes(picture: Rgb): Float32Array {
  const plane = picture.width * picture.height;
  const planes = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    for (let channel = 0; channel < 3; channel++) {
      planes[channel * plane + i] = (picture.data[i * 3 + channel] ?? 0) / 255;
    }
  }
  return planes;
}

/** LaMa's [1, 3, h, w] output in 0..255 as RGB bytes. */
export function planesToRgb(planes: Float32Array, width: number, height: number): Rgb {
  const plane = width * height;
  const data = new Uint8Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    for (let channel = 0; channel < 3; channel++) {
      const value = Math.round(planes[channel * plane + i] ?? 0);
      data[i * 3 + channel] = Math.min(255, Math.max(0, value));
    }
  }
  return { data, width, height };
}

/**
 * A mask as LaMa's `mask` input, [1, 1, size, size]: a cell is 1 when any pixel it covers is set.
 * Taking the maximum rather than interpolating keeps thin strokes when shrinking, and never lets
 * a pixel to remove fall between cells.
 */
export function maskPlane(mask: BinaryMask, size: number): Float32Array {
  const plane = new Float32Array(size * size);
  const span = (cell: number, length: number) => {
    const from = Math.floor((cell * length) / size);
    return [from, Math.max(from + 1, Math.ceil(((cell + 1) * length) / size))] as const;
  };
  for (let cy = 0; cy < size; cy++) {
    const [y1, y2] = span(cy, mask.height);
    for (let cx = 0; cx < size; cx++) {
      const [x1, x2] = span(cx, mask.width);
      let set = 0;
      for (let y = y1; y < y2 && !set; y++) {
        for (let x = x1; x < x2 && !set; x++) set = mask.data[y * mask.width + x] ?? 0;
      }
      plane[cy * size + cx] = set;
    }
  }
  return plane;
}
