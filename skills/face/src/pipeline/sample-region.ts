import type { DecodedImage } from '@mmskills/image';

/** A rectangle in image pixels; it may reach past the image, where pixels read as black. */
export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

type Pixels = Pick<DecodedImage, 'data' | 'width' | 'height'>;

// Beyond this many source pixels per output pixel, bilinear reads skip pixels and alias.
const MAX_SUPERSAMPLE = 4;

/**
 * Resamples `region` of an RGB image to `outWidth`×`outHeight` (bilinear, supersampled when it
 * shrinks a lot) and returns float RGB values 0–255, rows top to bottom (HWC).
 */
export function sampleRegion(
  image: Pixels,
  region: Region,
  outWidth: number,
  outHeight: number,
): Float32Array {
  const { data, width, height } = image;
  const out = new Float32Array(outWidth * outHeight * 3);
  const stepX = region.width / outWidth;
  const stepY = region.height / outHeight;
  const nx = Math.min(MAX_SUPERSAMPLE, Math.max(1, Math.ceil(stepX)));
  const ny = Math.min(MAX_SUPERSAMPLE, Math.max(1, Math.ceil(stepY)));
  const weight = 1 / (nx * ny);
  const rgb = [0, 0, 0];

  const addBilinear = (x: number, y: number) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    for (const [dx, dy, w] of [
      [0, 0, (1 - fx) * (1 - fy)],
      [1, 0, fx * (1 - fy)],
      [0, 1, (1 - fx) * fy],
      [1, 1, fx * fy],
    ] as const) {
      const sx = x0 + dx;
      const sy = y0 + dy;
      if (w === 0 || sx < 0 || sy < 0 || sx >= width || sy >= height) continue;
      const at = (sy * width + sx) * 3;
      for (let c = 0; c < 3; c++) rgb[c] = (rgb[c] ?? 0) + w * weight * (data[at + c] ?? 0);
    }
  };

  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++) {
      rgb.fill(0);
      for (let sy = 0; sy < ny; sy++) {
        for (let sx = 0; sx < nx; sx++) {
          // Sample positions spread evenly inside the output pixel's footprint, pixel centres at +0.5.
          const x = region.left + (ox + (sx + 0.5) / nx) * stepX - 0.5;
          const y = region.top + (oy + (sy + 0.5) / ny) * stepY - 0.5;
          addBilinear(x, y);
        }
      }
      out.set(rgb, (oy * outWidth + ox) * 3);
    }
  }
  return out;
}

/** The square of side `scale` × the box's longer side, centred on the box (pixel corners). */
export function squareAround(box: readonly [number, number, number, number], scale: number): Region {
  const side = Math.max(box[2] - box[0], box[3] - box[1]) * scale;
  const cx = (box[0] + box[2]) / 2;
  const cy = (box[1] + box[3]) / 2;
  return { left: cx - side / 2, top: cy - side / 2, width: side, height: side };
}
