import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_LIMITS, formatBytes, ImageLimitsSchema, imageTooLargeError } from './limits.js';

describe('ImageLimitsSchema', () => {
  it('defaults to 40 megapixels and 25 MiB', () => {
    expect(DEFAULT_IMAGE_LIMITS).toEqual({ maxPixels: 40_000_000, maxBytes: 26_214_400 });
    expect(Object.isFrozen(DEFAULT_IMAGE_LIMITS)).toBe(true);
  });

  it('keeps given values and refuses non-positive ones', () => {
    expect(ImageLimitsSchema.parse({ maxPixels: 100 })).toEqual({ maxPixels: 100, maxBytes: 26_214_400 });
    expect(ImageLimitsSchema.safeParse({ maxBytes: 0 }).success).toBe(false);
    expect(ImageLimitsSchema.safeParse({ maxPixels: 1.5 }).success).toBe(false);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [25 * 1024 * 1024, '25.0 MB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('imageTooLargeError', () => {
  it('names the size, the limit and what to do', () => {
    const error = imageTooLargeError(30 * 1024 * 1024, 25 * 1024 * 1024);
    expect(error.code).toBe('image_too_large');
    expect(error.message).toBe(
      'image is 30.0 MB, over the 25.0 MB limit; send a smaller or more compressed image',
    );
    expect(imageTooLargeError(2048, 1024, true).message).toContain('more than 2.0 KB');
  });
});
