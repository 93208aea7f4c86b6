import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInpaintSkill, type RemoveObjectOutput } from '../src/index.js';
import { writeTinyLama } from './fixtures/lama-models.js';
import { dataUri, differingPixels, inRect, maskPng, rgbOf, scene } from './pictures.js';

const BLUE = [0x33, 0x66, 0xcc];
const modelDir = writeTinyLama(mkdtempSync(join(tmpdir(), 'mmskills-inpaint-')));

let client: Client;
beforeAll(async () => {
  // Large pictures come back inline at full size, so every pixel can be compared.
  client = await connectInMemory(createInpaintSkill({ model: modelDir }), {
    ...process.env,
    MMSKILLS_RESULT_IMAGE_MAX_SIDE: '4096',
    MMSKILLS_RESULT_IMAGE_MAX_BYTES: String(64 * 1024 * 1024),
  });
});
afterAll(async () => {
  await client.close();
});

async function remove(args: Record<string, unknown>) {
  const result = await client.callTool({ name: 'remove_object', arguments: args });
  expect(result.isError, textOf(result)).toBeFalsy();
  const [picture, ...more] = imageBlocks(result);
  expect(more).toEqual([]);
  return { result, picture, out: result.structuredContent as RemoveObjectOutput };
}

type Rect = { x1: number; y1: number; x2: number; y2: number };

/** Every pixel that changed lies in `rect`, and every pixel of `rect` is now blue (±1). */
async function expectFilled(
  photo: { raw: Buffer; width: number },
  picture: { data: Buffer } | undefined,
  rect: Rect,
) {
  const { data } = await rgbOf(picture?.data ?? Buffer.alloc(0));
  const changed = differingPixels(photo.raw, data);
  expect(changed.length).toBeGreaterThan(0);
  expect(changed.filter((index) => !inRect(index, photo.width, rect))).toEqual([]);
  for (let y = rect.y1; y < rect.y2; y++) {
    for (let x = rect.x1; x < rect.x2; x++) {
      const at = (y * photo.width + x) * 3;
      for (let c = 0; c < 3; c++)
        expect(Math.abs((data[at + c] ?? 0) - (BLUE[c] ?? 0))).toBeLessThanOrEqual(1);
    }
  }
}

/**
 * A 3000 × 2000 picture, left half blue and right half green (the whole picture's visible mean
 * would be a blue-green mix), with a red rectangle in the blue half that a box then removes.
 */
async function removeRedFromHalves(left: number, top: number, width: number, height: number) {
  const photo = await scene(3000, 2000, '#3366cc', [
    { left: 1500, top: 0, width: 1500, height: 2000, colour: '#22aa44' },
    { left, top, width, height, colour: '#ff0000' },
  ]);
  const box = [left / 3000, top / 2000, (left + width) / 3000, (top + height) / 2000];
  return { photo, ...(await remove({ image: dataUri(photo.png), boxes: [box] })) };
}

describe('remove_object', () => {
  const red = { left: 60, top: 40, width: 40, height: 40, colour: '#ff0000' };

  it('removes a boxed object: only the grown box changes, and it takes the model’s fill', async () => {
    const photo = await scene(200, 150, '#3366cc', [red]);
    const { picture, out, result } = await remove({
      image: dataUri(photo.png),
      boxes: [[0.3, 40 / 150, 0.5, 80 / 150]],
    });
    expect(picture?.mimeType).toBe('image/png');
    // The box grows by the default 10 pixels on every side: 60×60 pixels from (50, 30).
    await expectFilled(photo, picture, { x1: 50, y1: 30, x2: 110, y2: 90 });
    expect(out).toEqual({
      width: 200,
      height: 150,
      masked_pixels: 3600,
      masked_fraction: 0.12,
      box: [0.25, 0.2, 0.55, 0.6],
      context_box: [0, 0, 1, 1],
      format: 'png',
    });
    expect(textOf(result)).toBe(
      'Removed 3600 pixels (12% of 200×150) in [0.25, 0.2, 0.55, 0.6], filled by LaMa from the region [0, 0, 1, 1]; the picture is png.',
    );
  });

  it('takes a mask of any size of the image’s shape, scaled onto the image, and grows it by dilate', async () => {
    const photo = await scene(200, 150, '#3366cc', [red]);
    const mask = await maskPng(100, 75, [{ left: 30, top: 20, width: 20, height: 20 }]);
    const { picture, out } = await remove({ image: dataUri(photo.png), mask: dataUri(mask), dilate: 4 });
    // Scaling ×2 may put the mask's edge a pixel either way: 40 ± 1 pixels, grown by 4 on each side.
    await expectFilled(photo, picture, { x1: 55, y1: 35, x2: 105, y2: 85 });
    expect(out.masked_pixels).toBeGreaterThanOrEqual(47 * 47);
    expect(out.masked_pixels).toBeLessThanOrEqual(50 * 50);
  });

  it('removes the union of a mask and boxes', async () => {
    const second = { left: 150, top: 100, width: 20, height: 20, colour: '#ffff00' };
    const photo = await scene(200, 150, '#3366cc', [red, second]);
    const mask = await maskPng(200, 150, [{ left: 60, top: 40, width: 40, height: 40 }]);
    const { picture, out } = await remove({
      image: dataUri(photo.png),
      mask: dataUri(mask),
      boxes: [[0.75, 100 / 150, 0.85, 120 / 150]],
      dilate: 0,
    });
    const { data } = await rgbOf(picture?.data ?? Buffer.alloc(0));
    const changed = differingPixels(photo.raw, data);
    expect(changed.length).toBe(40 * 40 + 20 * 20);
    expect(out.masked_pixels).toBe(40 * 40 + 20 * 20);
    expect(out.box).toEqual([0.3, 40 / 150, 0.85, 0.8].map((v) => Math.round(v * 1e4) / 1e4));
  });

  it('fills a large picture from a crop around the hole, not from the whole picture', async () => {
    const { photo, picture, out } = await removeRedFromHalves(400, 900, 100, 100);
    await expectFilled(photo, picture, { x1: 390, y1: 890, x2: 510, y2: 1010 });
    // A 512-pixel square around the hole: 100 + 2 × 50 context, widened to the model's 512.
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = out.context_box;
    expect([Math.round((x2 - x1) * 3000), Math.round((y2 - y1) * 2000)]).toEqual([512, 512]);
    expect(x2 * 3000).toBeLessThan(1500);
  });

  it('shrinks a context larger than the model to its input and scales the fill back', async () => {
    const { photo, picture, out } = await removeRedFromHalves(300, 600, 800, 700);
    const { data } = await rgbOf(picture?.data ?? Buffer.alloc(0));
    const rect = { x1: 290, y1: 590, x2: 1110, y2: 1310 };
    expect(differingPixels(photo.raw, data).filter((index) => !inRect(index, 3000, rect))).toEqual([]);
    // The fill is the mean of the context the model saw: one colour over the whole hole, no red in it.
    const pixel = (x: number, y: number) => [...data.subarray((y * 3000 + x) * 3, (y * 3000 + x) * 3 + 3)];
    const fill = pixel(700, 900);
    expect(fill[0]).toBeLessThan(0x40);
    for (const [x, y] of [
      [300, 600],
      [1099, 1299],
      [700, 1200],
      [1000, 650],
    ] as const) {
      const other = pixel(x, y);
      expect(Math.max(...other.map((value, c) => Math.abs(value - (fill[c] ?? 0))))).toBeLessThanOrEqual(1);
    }
    expect(out.context_box[2]).toBeGreaterThan(0.5);
  });

  it.each([
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
  ] as const)('answers a %s picture in its own format and size', async (format, mimeType) => {
    const photo = await scene(120, 90, '#3366cc', [
      { left: 40, top: 30, width: 20, height: 20, colour: '#ff0000' },
    ]);
    const encoded = await sharp(photo.png)[format]({ quality: 90 }).toBuffer();
    const { picture, out } = await remove({
      image: dataUri(encoded, mimeType),
      boxes: [[1 / 3, 1 / 3, 0.5, 50 / 90]],
    });
    expect(picture?.mimeType).toBe(mimeType);
    expect(out.format).toBe(format);
    const meta = await sharp(picture?.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual([format, 120, 90]);
  });
});
