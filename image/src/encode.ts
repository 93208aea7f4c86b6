import { MmskillsError, MmskillsErrorCode } from '@mmskills/core';
import sharp from 'sharp';
import type { DecodedImage } from './decode.js';

/** Raw 8-bit pixels, rows top to bottom: 1 = grey, 3 = RGB, 4 = RGBA. */
export interface RawImage {
  data: Buffer | Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** The formats an MCP `image` content block carries. */
export type ImageFormat = 'png' | 'jpeg' | 'webp';

/** Encoded image bytes with their media type. */
export interface EncodedImage {
  data: Buffer;
  mimeType: `image/${ImageFormat}`;
}

/**
 * Encodes raw pixels (a {@link DecodedImage} is RGB) as PNG, JPEG or WebP. `quality` (1–100, default
 * 80) applies to JPEG and WebP; JPEG has no alpha, so RGBA is flattened onto white for it.
 */
export async function encodeImage(
  input: DecodedImage | RawImage,
  format: ImageFormat,
  quality = 80,
): Promise<EncodedImage> {
  const channels = 'channels' in input ? input.channels : 3;
  const { width, height } = input;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      `image size ${width}×${height} is not positive`,
    );
  }
  if (input.data.length !== width * height * channels) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      `pixel buffer has ${input.data.length} bytes but ${width}×${height}×${channels} needs ${width * height * channels}`,
    );
  }
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      `quality must be an integer 1–100, not ${quality}`,
    );
  }
  const raw = sharp(input.data, { raw: { width, height, channels } });
  // sharp widens single-channel input to sRGB on output unless told to stay grey.
  const image = channels === 1 ? raw.toColourspace('b-w') : raw;
  const encoder =
    format === 'png'
      ? image.png()
      : format === 'jpeg'
        ? image.flatten({ background: '#ffffff' }).jpeg({ quality })
        : image.webp({ quality });
  return { data: await encoder.toBuffer(), mimeType: `image/${format}` };
}

/** `data:<mimeType>;base64,…` for an encoded image. */
export function toDataUri(image: { data: Buffer | Uint8Array; mimeType: string }): string {
  return `data:${image.mimeType};base64,${Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString('base64')}`;
}
