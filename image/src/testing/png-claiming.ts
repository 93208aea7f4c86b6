import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/**
 * A valid 1×1 PNG whose header is rewritten to claim `width` × `height`: an image over the pixel
 * limit that can be sent without its pixels (decoding them would fail).
 */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp(Buffer.from([1, 2, 3]), { raw: { width: 1, height: 1, channels: 3 } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}
