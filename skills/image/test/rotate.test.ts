import { photoPath } from '@mmskills/core/testing';
import { connectInMemory, imageBlocks } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageSkill } from '../src/index.js';
import { BLUE, dataUri, ENV, GREEN, pixelsOf, quadrantsPng, RED, YELLOW } from './pictures.js';

describe('rotate', () => {
  let client: Client;
  let quadrants: string;
  beforeAll(async () => {
    client = await connectInMemory(imageSkill, ENV);
    quadrants = dataUri(await quadrantsPng());
  });

  async function rotated(degrees: number, extra: Record<string, unknown> = {}) {
    const result = await client.callTool({
      name: 'rotate',
      arguments: { image: quadrants, degrees, ...extra },
    });
    return {
      structured: result.structuredContent,
      picture: await pixelsOf(imageBlocks(result)[0]?.data ?? Buffer.alloc(0)),
    };
  }

  it('turns 90° clockwise exactly: 50×100 with red moved to the top-right corner', async () => {
    const { structured, picture } = await rotated(90);
    expect(structured).toEqual({ width: 50, height: 100, degrees: 90 });
    expect([picture.width, picture.height]).toEqual([50, 100]);
    expect([picture.at(0, 0), picture.at(49, 0), picture.at(0, 99), picture.at(49, 99)]).toEqual([
      [...BLUE],
      [...RED],
      [...YELLOW],
      [...GREEN],
    ]);
  });

  it('turns 180° and −90° (= 270°) exactly', async () => {
    const half = await rotated(180);
    expect([half.picture.at(0, 0), half.picture.at(99, 49)]).toEqual([[...YELLOW], [...RED]]);
    const back = await rotated(-90);
    expect(back.structured).toEqual({ width: 50, height: 100, degrees: 270 });
    expect([back.picture.at(0, 0), back.picture.at(0, 99)]).toEqual([[...GREEN], [...RED]]);
  });

  it('leaves the picture as it was for 0° and 360°', async () => {
    const { structured, picture } = await rotated(360);
    expect(structured).toEqual({ width: 100, height: 50, degrees: 0 });
    expect(
      picture.data.equals(
        await sharp(await quadrantsPng())
          .raw()
          .toBuffer(),
      ),
    ).toBe(true);
  });

  it('grows the canvas for 45° and fills the corners with the background', async () => {
    const { structured, picture } = await rotated(45, { background: '#ffffff' });
    const side = Math.ceil((100 + 50) / Math.SQRT2);
    expect(Math.abs((structured as { width: number }).width - side)).toBeLessThanOrEqual(1);
    expect(picture.at(0, 0)).toEqual([255, 255, 255]);
  });

  it('turns the astronaut photo a quarter', async () => {
    const result = await client.callTool({
      name: 'rotate',
      arguments: { image: photoPath('astronaut'), degrees: 270 },
    });
    expect(result.structuredContent).toEqual({ width: 512, height: 512, degrees: 270 });
    const turned = await pixelsOf(imageBlocks(result)[0]?.data ?? Buffer.alloc(0));
    const original = await sharp(photoPath('astronaut')).removeAlpha().raw().toBuffer();
    // Anticlockwise: the top-right pixel of the original ends at the top-left.
    expect(turned.at(0, 0)).toEqual([...original.subarray(511 * 3, 512 * 3)]);
  });
});
