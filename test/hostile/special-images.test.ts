import { isMmskillsError } from '@mmskills/core';
import { rejection } from '@mmskills/core/testing';
import { type DecodedImage, decodeImage } from '@mmskills/image';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUri, imageInfoClient } from './hostile-server.js';
import {
  animation,
  cmykJpeg,
  jpegClaiming,
  png16,
  pngBomb,
  storedWithOrientation,
  svgLaughs,
  webpClaiming,
} from './special-images.js';

const pixel = (image: DecodedImage, x: number, y: number) => {
  const at = (y * image.width + x) * 3;
  return [...image.data.subarray(at, at + 3)];
};

async function refusal(bytes: Buffer) {
  const error = await rejection(decodeImage(bytes));
  if (!isMmskillsError(error)) throw error;
  return error;
}

describe('hostile and unusual image files, through the decoder and the image skill', () => {
  let skill: Awaited<ReturnType<typeof imageInfoClient>>;
  beforeAll(async () => {
    skill = await imageInfoClient();
  });
  afterAll(() => skill?.close());

  it.each([
    ['a 12000×12000 PNG zlib bomb of a few KB', async () => pngBomb(12_000), /12000×12000 \(144\.0 MP\)/],
    ['a JPEG whose SOF claims 65000×65000', async () => jpegClaiming(65_000, 65_000), /65000×65000/],
    ['a WebP whose VP8 header claims 16383×16383', async () => webpClaiming(16_383), /16383×16383/],
  ])('refuses %s from its header, before decoding pixels', async (_name, make, size) => {
    const bytes = await make();
    expect(bytes.length).toBeLessThan(64 * 1024);
    const error = await refusal(bytes);
    expect(error.code).toBe('image_too_large');
    expect(error.message).toMatch(size);
    const served = await skill.info(dataUri(bytes));
    expect(served).toMatchObject({ ok: false, message: expect.stringMatching(/over the 40\.0 MP limit/) });
  });

  it.each(['gif', 'webp'] as const)('reads only the first frame of an animated %s', async (format) => {
    const bytes = await animation(format, 3, 32);
    const image = await decodeImage(bytes);
    expect([image.width, image.height, image.format]).toEqual([32, 32, format]);
    expect(pixel(image, 5, 5)).toEqual([255, 0, 0]);
    expect(await skill.info(dataUri(bytes))).toMatchObject({ ok: true, width: 32, height: 32 });
  });

  it('accepts an animation whose frames add up to more than the pixel limit, one frame at a time', async () => {
    const bytes = await animation('webp', 45, 1000);
    const image = await decodeImage(bytes);
    expect([image.width, image.height]).toEqual([1000, 1000]);
    expect(await skill.info(dataUri(bytes))).toMatchObject({ ok: true, width: 1000, height: 1000 });
  }, 60_000);

  it('reads a 16-bit PNG as 8-bit sRGB', async () => {
    const bytes = await png16('#ff8000');
    expect(pixel(await decodeImage(bytes), 3, 3)).toEqual([255, 128, 0]);
    expect(await skill.info(dataUri(bytes))).toMatchObject({ ok: true, width: 24, height: 16 });
  });

  it('converts a CMYK JPEG to sRGB with its colour kept', async () => {
    const bytes = await cmykJpeg('#ff0000');
    const [r = 0, g = 0, b = 0] = pixel(await decodeImage(bytes), 12, 8);
    expect(r).toBeGreaterThan(200);
    expect(Math.max(g, b)).toBeLessThan(70);
    expect(await skill.info(dataUri(bytes, 'image/jpeg'))).toMatchObject({ ok: true, info: { channels: 4 } });
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('turns EXIF orientation %i upright', async (orientation) => {
    const bytes = await storedWithOrientation(orientation);
    const image = await decodeImage(bytes);
    expect([image.width, image.height]).toEqual([30, 20]);
    const [r = 0, , b = 0] = pixel(image, 1, 1);
    const [r2 = 0, , b2 = 0] = pixel(image, 28, 18);
    expect([r > 180, b < 90, r2 < 90, b2 > 180]).toEqual([true, true, true, true]);
    expect(await skill.info(dataUri(bytes, 'image/jpeg'))).toMatchObject({
      ok: true,
      info: { width: 30, height: 20, orientation },
    });
  });

  it('refuses an SVG billion-laughs document by its signature, before librsvg sees it', async () => {
    const error = await refusal(svgLaughs());
    expect(error).toMatchObject({
      code: 'invalid_image',
      message: expect.stringMatching(/svg images are not accepted/),
    });
    expect(await skill.info(dataUri(svgLaughs(), 'image/svg+xml'))).toMatchObject({ ok: false });
  });
});
