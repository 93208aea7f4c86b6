import { photoPath } from '@mmskills/core/testing';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageSkill } from '../src/index.js';
import { BLUE, dataUri, ENV, GREEN, pixelsOf, quadrantsPng, RED, YELLOW } from './pictures.js';

describe('crop', () => {
  let client: Client;
  let quadrants: string;
  beforeAll(async () => {
    client = await connectInMemory(imageSkill, ENV);
    quadrants = dataUri(await quadrantsPng());
  });

  it('crops the top-left quarter to 50×25 of pure red', async () => {
    const result = await client.callTool({
      name: 'crop',
      arguments: { image: quadrants, box: [0, 0, 0.5, 0.5] },
    });
    expect(result.structuredContent).toEqual({
      width: 50,
      height: 25,
      box_pixels: [0, 0, 50, 25],
      box: [0, 0, 0.5, 0.5],
    });
    const [block] = imageBlocks(result);
    expect(block?.mimeType).toBe('image/png');
    const picture = await pixelsOf(block?.data ?? Buffer.alloc(0));
    expect([picture.width, picture.height]).toEqual([50, 25]);
    expect(picture.colours()).toEqual([RED.join(',')]);
    expect(textOf(result)).toBe('cropped 50×25 from pixels [0, 0, 50, 25] of 100×50');
  });

  it('takes every quadrant from a centred box, pixel for pixel', async () => {
    const result = await client.callTool({
      name: 'crop',
      arguments: { image: quadrants, box: [0.4, 0.4, 0.6, 0.6] },
    });
    expect(result.structuredContent).toMatchObject({ width: 20, height: 10, box_pixels: [40, 20, 60, 30] });
    const picture = await pixelsOf(imageBlocks(result)[0]?.data ?? Buffer.alloc(0));
    expect([picture.at(0, 0), picture.at(19, 0), picture.at(0, 9), picture.at(19, 9)]).toEqual([
      [...RED],
      [...GREEN],
      [...BLUE],
      [...YELLOW],
    ]);
  });

  it('pads by a fraction of the box and clamps the padding at the image edge', async () => {
    const result = await client.callTool({
      name: 'crop',
      arguments: { image: quadrants, box: [0.1, 0.2, 0.3, 0.6], padding: 0.5 },
    });
    // Box 20×20 px at (10, 10): half a box of padding is 10 px a side, clamped at x = 0 and y = 0.
    expect(result.structuredContent).toEqual({
      width: 40,
      height: 40,
      box_pixels: [0, 0, 40, 40],
      box: [0, 0, 0.4, 0.8],
    });
  });

  it('keeps a JPEG a JPEG', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    const result = await client.callTool({
      name: 'crop',
      arguments: { image: dataUri(jpeg, 'image/jpeg'), box: [0, 0, 0.5, 1] },
    });
    expect(imageBlocks(result)[0]?.mimeType).toBe('image/jpeg');
    expect(result.structuredContent).toMatchObject({ width: 20, height: 40 });
  });

  it('crops the astronaut’s face from the photo', async () => {
    const result = await client.callTool({
      name: 'crop',
      arguments: { image: photoPath('astronaut'), box: [0.3, 0.05, 0.6, 0.35] },
    });
    // Partly covered pixels count: 0.3 × 512 = 153.6 starts at 153 and 0.6 × 512 = 307.2 ends at 308.
    expect(result.structuredContent).toMatchObject({
      width: 155,
      height: 155,
      box_pixels: [153, 25, 308, 180],
    });
    const face = await pixelsOf(imageBlocks(result)[0]?.data ?? Buffer.alloc(0));
    const original = await sharp(photoPath('astronaut')).removeAlpha().raw().toBuffer();
    const at = ((25 + 70) * 512 + 153 + 77) * 3;
    expect(face.at(77, 70)).toEqual([...original.subarray(at, at + 3)]);
  });
});
