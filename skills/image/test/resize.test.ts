import { photoPath } from '@mmskills/core/testing';
import { connectInMemory, imageBlocks } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageSkill } from '../src/index.js';
import { dataUri, ENV, pixelsOf, quadrantsPng, RED, YELLOW } from './pictures.js';

describe('resize', () => {
  let client: Client;
  let quadrants: string;
  beforeAll(async () => {
    client = await connectInMemory(imageSkill, ENV);
    quadrants = dataUri(await quadrantsPng());
  });

  async function sizeOf(args: Record<string, unknown>) {
    const result = await client.callTool({ name: 'resize', arguments: { image: quadrants, ...args } });
    const picture = await pixelsOf(imageBlocks(result)[0]?.data ?? Buffer.alloc(0));
    expect([picture.width, picture.height]).toEqual([
      (result.structuredContent as { width: number }).width,
      (result.structuredContent as { height: number }).height,
    ]);
    return { ...(result.structuredContent as { width: number; height: number }), picture };
  }

  it('keeps the aspect ratio from one side', async () => {
    expect(await sizeOf({ width: 50 })).toMatchObject({ width: 50, height: 25, original_width: 100 });
    expect(await sizeOf({ height: 100 })).toMatchObject({ width: 200, height: 100, original_height: 50 });
  });

  it('fits inside both sides by default, and fills, covers or contains on request', async () => {
    expect(await sizeOf({ width: 40, height: 40 })).toMatchObject({ width: 40, height: 20 });
    expect(await sizeOf({ width: 40, height: 40, fit: 'fill' })).toMatchObject({ width: 40, height: 40 });
    expect(await sizeOf({ width: 40, height: 40, fit: 'cover' })).toMatchObject({ width: 40, height: 40 });
    const contained = await sizeOf({ width: 40, height: 40, fit: 'contain' });
    expect(contained).toMatchObject({ width: 40, height: 40 });
    // The 40×20 picture sits in the middle; black bars fill 10 rows above and below it.
    expect(contained.picture.at(20, 2)).toEqual([0, 0, 0]);
    expect(contained.picture.at(5, 12)).toEqual([...RED]);
    expect(contained.picture.at(35, 27)).toEqual([...YELLOW]);
  });

  it('halves the astronaut photo', async () => {
    const result = await client.callTool({
      name: 'resize',
      arguments: { image: photoPath('astronaut'), width: 256 },
    });
    expect(result.structuredContent).toEqual({
      width: 256,
      height: 256,
      original_width: 512,
      original_height: 512,
    });
  });
});

describe('resize to a picture larger than one image may be', () => {
  it('answers with an error that says how to ask, not a result of tens of megabytes', async () => {
    const client = await connectInMemory(imageSkill, ENV);
    // Noise does not compress: 4000×4000 of it is ~46 MiB as PNG, over the 25 MiB of one image.
    const noise = Buffer.alloc(400 * 400 * 3);
    for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 2654435761) >>> 24;
    const png = await sharp(noise, { raw: { width: 400, height: 400, channels: 3 } })
      .png()
      .toBuffer();
    const result = await client.callTool({
      name: 'resize',
      arguments: { image: dataUri(png), width: 4000, height: 4000, fit: 'fill' },
    });
    expect(result.isError).toBe(true);
    expect(imageBlocks(result)).toEqual([]);
    expect((result.content as Array<{ text: string }>)[0]?.text).toMatch(
      /^resize made a \d+\.\d MiB picture, over the 25\.0 MiB limit of one image; ask for fewer pixels/,
    );
  }, 60_000);
});
