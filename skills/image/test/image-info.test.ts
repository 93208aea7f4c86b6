import { photoPath } from '@mmskills/core/testing';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageSkill } from '../src/index.js';
import { dataUri, ENV, quadrantsPng } from './pictures.js';

describe('image_info', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectInMemory(imageSkill, ENV);
  });

  it('reports a PNG built by code exactly, with no picture back', async () => {
    const png = await quadrantsPng();
    const result = await client.callTool({ name: 'image_info', arguments: { image: dataUri(png) } });
    expect(result.structuredContent).toEqual({
      width: 100,
      height: 50,
      format: 'png',
      channels: 3,
      has_alpha: false,
      orientation: 1,
      bytes: png.length,
    });
    expect(imageBlocks(result)).toEqual([]);
    expect(textOf(result)).toBe(`100×50 png, 3 channels, no alpha, EXIF orientation 1, ${png.length} bytes`);
  });

  it('reports EXIF orientation 6 of a JPEG and its upright (turned) size', async () => {
    const jpeg = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#336699' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await client.callTool({
      name: 'image_info',
      arguments: { image: dataUri(jpeg, 'image/jpeg') },
    });
    expect(result.structuredContent).toMatchObject({
      width: 40,
      height: 60,
      format: 'jpeg',
      channels: 3,
      orientation: 6,
      bytes: jpeg.length,
    });
  });

  it('reports the alpha channel of an RGBA PNG', async () => {
    const png = await sharp({
      create: { width: 8, height: 4, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const result = await client.callTool({ name: 'image_info', arguments: { image: dataUri(png) } });
    expect(result.structuredContent).toMatchObject({ width: 8, height: 4, channels: 4, has_alpha: true });
  });

  it('reads the astronaut photo from a file path', async () => {
    const result = await client.callTool({
      name: 'image_info',
      arguments: { image: photoPath('astronaut') },
    });
    expect(result.structuredContent).toEqual({
      width: 512,
      height: 512,
      format: 'png',
      channels: 3,
      has_alpha: false,
      orientation: 1,
      bytes: 791_555,
    });
  });
});
