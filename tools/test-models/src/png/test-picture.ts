import type { RawImage } from './encode-png.js';

/**
 * A small RGB test picture: a diagonal colour gradient with a red square in the upper left and a
 * blue disc in the lower right, so crops, boxes and resizes have something to show.
 */
export function testPicture(width = 64, height = 48): RawImage {
  const pixels = new Uint8Array(width * height * 3);
  const square = { x0: width * 0.1, y0: height * 0.1, x1: width * 0.4, y1: height * 0.45 };
  const disc = { x: width * 0.7, y: height * 0.65, r: Math.min(width, height) * 0.2 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      let rgb = [Math.round((255 * x) / width), Math.round((255 * y) / height), 160];
      if (x >= square.x0 && x < square.x1 && y >= square.y0 && y < square.y1) rgb = [220, 30, 30];
      if ((x - disc.x) ** 2 + (y - disc.y) ** 2 <= disc.r ** 2) rgb = [30, 60, 220];
      pixels.set(rgb, at);
    }
  }
  return { width, height, channels: 3, pixels };
}
