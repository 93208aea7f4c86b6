import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode.js';
import { encodeImage, toDataUri } from './encode.js';

const RGB = {
  data: Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 99, 199]),
  width: 2,
  height: 2,
  format: 'png',
};

describe('encodeImage', () => {
  it('round-trips a decoded image through PNG exactly', async () => {
    const encoded = await encodeImage(RGB, 'png');
    expect(encoded.mimeType).toBe('image/png');
    expect(encoded.data.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect((await decodeImage(encoded.data)).data).toEqual(RGB.data);
  });

  it('keeps grey and RGBA channels in PNG', async () => {
    const grey = await encodeImage({ data: Buffer.from([0, 255]), width: 2, height: 1, channels: 1 }, 'png');
    expect(await sharp(grey.data).metadata()).toMatchObject({ channels: 1, width: 2, height: 1 });
    const rgba = Buffer.from([255, 0, 0, 128, 0, 0, 255, 0]);
    const png = await encodeImage({ data: rgba, width: 2, height: 1, channels: 4 }, 'png');
    expect([...(await sharp(png.data).raw().toBuffer())]).toEqual([...rgba]);
  });

  it.each([
    ['jpeg', [0xff, 0xd8, 0xff]],
    ['webp', [0x52, 0x49, 0x46, 0x46]],
  ] as const)('encodes %s with its magic bytes and mime type', async (format, magic) => {
    const encoded = await encodeImage(RGB, format, 90);
    expect(encoded.mimeType).toBe(`image/${format}`);
    expect([...encoded.data.subarray(0, magic.length)]).toEqual(magic);
    expect(await decodeImage(encoded.data)).toMatchObject({ width: 2, height: 2, format });
  });

  it('flattens alpha onto white for JPEG', async () => {
    const transparent = { data: Buffer.alloc(8 * 8 * 4), width: 8, height: 8, channels: 4 as const };
    const jpeg = await encodeImage(transparent, 'jpeg', 100);
    const image = await decodeImage(jpeg.data);
    expect(Math.min(...image.data)).toBeGreaterThanOrEqual(250);
  });

  it('lower quality gives smaller JPEGs', async () => {
    const image = { data: randomBytes(64 * 64 * 3), width: 64, height: 64, channels: 3 as const };
    const low = await encodeImage(image, 'jpeg', 10);
    const high = await encodeImage(image, 'jpeg', 95);
    expect(low.data.length).toBeLessThan(high.data.length);
  });

  it.each([
    [{ ...RGB, data: Buffer.alloc(11) }, 'png', 80, /needs 12/],
    [{ ...RGB, width: 0 }, 'png', 80, /not positive/],
    [RGB, 'jpeg', 0, /quality must be an integer 1–100/],
    [RGB, 'webp', 101, /quality/],
  ] as const)('refuses bad input %#', async (input, format, quality, message) => {
    await expect(encodeImage(input, format, quality)).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(message),
    });
  });
});

describe('toDataUri', () => {
  it('writes a base64 data URI, also for a Uint8Array view', () => {
    expect(toDataUri({ data: Buffer.from([1, 2, 3]), mimeType: 'image/png' })).toBe(
      'data:image/png;base64,AQID',
    );
    const view = new Uint8Array([0, 1, 2, 3, 0]).subarray(1, 4);
    expect(toDataUri({ data: view, mimeType: 'image/webp' })).toBe('data:image/webp;base64,AQID');
  });
});
