import type { ToolImage } from '@mmskills/skill-kit';
import sharp from 'sharp';
import type { Rgb } from './model-input.js';

/**
 * Encodes the filled picture in the input's format where an MCP image block can carry it: PNG and
 * lossless WebP keep every byte; JPEG is re-encoded at quality 95, so its pixels off the mask move
 * by the codec's rounding. GIF, TIFF, HEIF and AVIF come back as PNG.
 */
export async function encodeLikeInput(picture: Rgb, inputFormat: string): Promise<ToolImage> {
  const raw = sharp(picture.data, { raw: { width: picture.width, height: picture.height, channels: 3 } });
  if (inputFormat === 'jpeg') {
    return {
      data: await raw.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer(),
      mimeType: 'image/jpeg',
    };
  }
  if (inputFormat === 'webp') {
    return { data: await raw.webp({ lossless: true }).toBuffer(), mimeType: 'image/webp' };
  }
  return { data: await raw.png().toBuffer(), mimeType: 'image/png' };
}
