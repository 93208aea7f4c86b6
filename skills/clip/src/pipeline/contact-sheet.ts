import type { DecodedImage } from '@mmskills/image';
import sharp from 'sharp';

/** Side of one tile of the contact sheet, in pixels. */
export const TILE = 160;
const GAP = 8;
const COLUMNS = 5;

/**
 * The pictures side by side in rank order (left to right, then the next row), each fitted into a
 * TILE×TILE square on white, as one PNG: a quick look at what the search found.
 */
export async function contactSheet(images: DecodedImage[]): Promise<Buffer> {
  const columns = Math.min(COLUMNS, images.length);
  const rows = Math.ceil(images.length / COLUMNS);
  const tiles = await Promise.all(
    images.map((image) =>
      sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
        .resize(TILE, TILE, { fit: 'contain', background: '#ffffff' })
        .png()
        .toBuffer(),
    ),
  );
  return sharp({
    create: {
      width: columns * TILE + (columns + 1) * GAP,
      height: rows * TILE + (rows + 1) * GAP,
      channels: 3,
      background: '#e8e8e8',
    },
  })
    .composite(
      tiles.map((input, i) => ({
        input,
        left: GAP + (i % COLUMNS) * (TILE + GAP),
        top: GAP + Math.floor(i / COLUMNS) * (TILE + GAP),
      })),
    )
    .png()
    .toBuffer();
}
