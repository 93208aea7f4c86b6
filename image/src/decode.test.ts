import { randomBytes } from 'node:crypto';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_IMAGE_LIMITS, ImageSourcePolicySchema } from '@mmskills/core';
import { rejection } from '@mmskills/core/testing';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, loadImage } from './decode.js';
import { pngClaiming } from './testing/png-claiming.js';

// 4×2: red, green, blue, white / black, grey, yellow, cyan.
const PIXELS = Buffer.from([
  255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128, 255, 255, 0, 0, 255, 255,
]);
const raw = (data: Buffer, width: number, height: number, channels: 1 | 3 | 4) =>
  sharp(data, { raw: { width, height, channels } });

function pixel(image: { data: Buffer; width: number }, x: number, y: number): number[] {
  const at = (y * image.width + x) * 3;
  return [...image.data.subarray(at, at + 3)];
}

describe('decodeImage', () => {
  it('decodes PNG exactly into RGB HWC', async () => {
    const png = await raw(PIXELS, 4, 2, 3).png().toBuffer();
    const image = await decodeImage(png);
    expect(image).toEqual({
      data: PIXELS,
      width: 4,
      height: 2,
      format: 'png',
      source: { bytes: png.length, channels: 3, hasAlpha: false, orientation: 1 },
    });
  });

  it.each(['jpeg', 'webp'] as const)('decodes %s', async (format) => {
    const encoded = await sharp({ create: { width: 16, height: 8, channels: 3, background: '#3366cc' } })
      .toFormat(format, { quality: 100 })
      .toBuffer();
    const image = await decodeImage(encoded);
    expect([image.width, image.height, image.format, image.data.length]).toEqual([16, 8, format, 16 * 8 * 3]);
    const found = pixel(image, 5, 5);
    for (const [c, expected] of [0x33, 0x66, 0xcc].entries()) {
      expect(Math.abs((found[c] ?? -1) - expected)).toBeLessThanOrEqual(3);
    }
  });

  it('turns the image upright from EXIF orientation 6 (rotate 90° clockwise)', async () => {
    const png = await raw(PIXELS, 4, 2, 3).png().withMetadata({ orientation: 6 }).toBuffer();
    const image = await decodeImage(png);
    expect([image.width, image.height]).toEqual([2, 4]);
    expect(image.source?.orientation).toBe(6);
    // The bottom-left pixel (black) ends at the top-left and the top row runs down the right edge.
    expect([pixel(image, 0, 0), pixel(image, 1, 0), pixel(image, 1, 3)]).toEqual([
      [0, 0, 0],
      [255, 0, 0],
      [255, 255, 255],
    ]);
    const jpeg = await sharp({ create: { width: 32, height: 16, channels: 3, background: '#ff0000' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await decodeImage(jpeg)).toMatchObject({ width: 16, height: 32, format: 'jpeg' });
  });

  it('flattens alpha onto white and widens grey to RGB', async () => {
    const rgba = Buffer.from([255, 0, 0, 0, 255, 0, 0, 128, 0, 0, 255, 255]);
    const image = await decodeImage(await raw(rgba, 3, 1, 4).png().toBuffer());
    expect(pixel(image, 0, 0)).toEqual([255, 255, 255]);
    expect(pixel(image, 1, 0)).toEqual([255, 0, 0].map((v) => Math.round((v * 128 + 255 * 127) / 255)));
    expect(pixel(image, 2, 0)).toEqual([0, 0, 255]);
    const grey = await decodeImage(
      await raw(Buffer.from([10, 200]), 2, 1, 1)
        .png()
        .toBuffer(),
    );
    expect([...grey.data]).toEqual([10, 10, 10, 200, 200, 200]);
  });

  it('reduces 16-bit input to 8 bits', async () => {
    const png16 = await raw(PIXELS, 4, 2, 3).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(png16).metadata()).depth).toBe('ushort');
    expect((await decodeImage(png16)).data).toEqual(PIXELS);
  });

  it('takes the first frame of an animation', async () => {
    const frame = (colour: string) =>
      sharp({ create: { width: 4, height: 3, channels: 3, background: colour } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const image = await decodeImage(gif);
    expect([image.width, image.height, image.format]).toEqual([4, 3, 'gif']);
    expect(pixel(image, 3, 2)).toEqual([255, 0, 0]);
  });

  it.each([
    ['zero bytes', async () => Buffer.alloc(0), /image is empty \(0 bytes\)/],
    ['random bytes', async () => randomBytes(512), /not in a supported format/],
    [
      'an SVG',
      async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'),
      /svg images are not accepted/,
    ],
    [
      'a truncated JPEG',
      async () => {
        const jpeg = await raw(randomBytes(64 * 64 * 3), 64, 64, 3)
          .jpeg()
          .toBuffer();
        return jpeg.subarray(0, jpeg.length - 300);
      },
      /jpeg image data is corrupt or truncated/,
    ],
    ['a PNG with a broken header', async () => await pngClaiming(0, 5), /header is corrupt/],
  ])('refuses %s as invalid_image', async (_name, bytes, message) => {
    const error = await rejection(decodeImage(await bytes()));
    expect(error.code).toBe('invalid_image');
    expect(error.message).toMatch(message);
  });

  it('refuses a 20000×20000 header as too large without decoding its pixels', async () => {
    const error = await rejection(decodeImage(await pngClaiming(20_000, 20_000)));
    expect(error).toMatchObject({
      code: 'image_too_large',
      message: 'image is 20000×20000 (400.0 MP), over the 40.0 MP limit; downscale it before sending',
    });
    // The same file under a generous limit reaches the decoder, which finds no pixels behind the header.
    const decoded = await rejection(
      decodeImage(await pngClaiming(20_000, 20_000), { maxPixels: 4e8, maxBytes: 1e6 }),
    );
    expect(decoded.code).toBe('invalid_image');
  });

  it('enforces custom pixel and byte limits', async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    expect((await decodeImage(png, { ...DEFAULT_IMAGE_LIMITS, maxPixels: 400 })).width).toBe(20);
    expect((await rejection(decodeImage(png, { ...DEFAULT_IMAGE_LIMITS, maxPixels: 399 }))).code).toBe(
      'image_too_large',
    );
    const tiny = { ...DEFAULT_IMAGE_LIMITS, maxBytes: png.length - 1 };
    expect((await rejection(decodeImage(png, tiny))).code).toBe('image_too_large');
  });
});

describe('loadImage', () => {
  it('reads and decodes a data: URI and a file inside the roots', async () => {
    const png = await raw(PIXELS, 4, 2, 3).png().toBuffer();
    const root = await realpath(await mkdtemp(path.join(tmpdir(), 'mmskills-load-')));
    try {
      await writeFile(path.join(root, 'x.png'), png);
      const policy = ImageSourcePolicySchema.parse({ fileRoots: [root] });
      const fromUri = await loadImage(`data:image/png;base64,${png.toString('base64')}`, { policy });
      const fromFile = await loadImage(path.join(root, 'x.png'), { policy });
      expect(fromUri.data).toEqual(PIXELS);
      expect(fromFile.data).toEqual(PIXELS);
      const limits = { ...DEFAULT_IMAGE_LIMITS, maxBytes: 10 };
      expect((await rejection(loadImage(path.join(root, 'x.png'), { policy, limits }))).code).toBe(
        'image_too_large',
      );
      expect((await rejection(loadImage('/etc/hostname', { policy }))).code).toBe('image_source_forbidden');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
