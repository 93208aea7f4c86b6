/** Where a mask lies: its pixel count and bounding box, `[x1, y1, x2, y2]` with x2, y2 exclusive. */
export interface MaskRegion {
  area: number;
  boxPixels: [number, number, number, number] | null;
}

/** The area and bounding box of the set pixels of a `width` × `height` plane (one byte a pixel). */
export function maskRegion(plane: Uint8Array, width: number, height: number): MaskRegion {
  let area = 0;
  let [minX, minY, maxX, maxY] = [width, height, -1, -1];
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      if (plane[row + x] === 0) continue;
      area += 1;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return { area, boxPixels: area === 0 ? null : [minX, minY, maxX + 1, maxY + 1] };
}
