import type { DecodedImage } from '@mmskills/image';
import type { ToolImage } from '@mmskills/skill-kit';
import sharp from 'sharp';

/** A picture a tool returns, encoded, with its size. */
export interface EncodedPicture {
  image: ToolImage;
  width: number;
  height: number;
}

/** A sharp pipeline over decoded RGB pixels. */
export function fromDecoded(image: Pick<DecodedImage, 'data' | 'width' | 'height'>): sharp.Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
}

/**
 * Encodes a result the way its input came: JPEG stays JPEG (quality 90, so photos stay small in
 * a tool result); everything else becomes lossless PNG, so pixel-exact work stays exact.
 */
export async function encodePicture(pipeline: sharp.Sharp, inputFormat: string): Promise<EncodedPicture> {
  const jpeg = inputFormat === 'jpeg';
  const encoder = jpeg ? pipeline.jpeg({ quality: 90 }) : pipeline.png();
  const { data, info } = await encoder.toBuffer({ resolveWithObject: true });
  return {
    image: { data, mimeType: jpeg ? 'image/jpeg' : 'image/png' },
    width: info.width,
    height: info.height,
  };
}
