import { z } from 'zod';
import { MmskillsError, MmskillsErrorCode } from '../errors.js';

/**
 * Ceilings applied to every image input: `maxPixels` is checked from the header before any pixel is
 * decoded, `maxBytes` before (or while) the encoded bytes are read.
 * @see ARCHITECTURE.md "Images in"
 */
export const ImageLimitsSchema = z.object({
  maxPixels: z.number().int().positive().default(40_000_000),
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
});
export type ImageLimits = z.infer<typeof ImageLimitsSchema>;

/** 40 megapixels and 25 MiB. */
export const DEFAULT_IMAGE_LIMITS: Readonly<ImageLimits> = Object.freeze(ImageLimitsSchema.parse({}));

/** Renders a byte count the way a person reads it: `512 B`, `3.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The `image_too_large` error for an input over the byte limit; `bytes` may be a lower bound. */
export function imageTooLargeError(bytes: number, maxBytes: number, atLeast = false): MmskillsError {
  const size = `${atLeast ? 'more than ' : ''}${formatBytes(bytes)}`;
  return new MmskillsError(
    MmskillsErrorCode.ImageTooLarge,
    `image is ${size}, over the ${formatBytes(maxBytes)} limit; send a smaller or more compressed image`,
  );
}
