import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptionSkill } from '../src/index.js';
import { tinyFlorenceDir } from './fixtures/florence-model.js';
import { dataUri, solidPng } from './pictures.js';

// The tiny model's <OD> answer is "<colour><loc_0><loc_0><loc_999><loc_999>square<loc_250>…
// <loc_749>square<loc_0><loc_0><loc_499><loc_499>": three boxes, two of them "square".
describe('tag_image on a tiny Florence-2', () => {
  let client: Client;
  const image = async () => dataUri(await solidPng('#1010e0', 200, 100));

  beforeAll(async () => {
    client = await connectInMemory(createCaptionSkill({ model: await tinyFlorenceDir() }));
  });
  afterAll(async () => {
    await client.close();
  });

  it('tags what <OD> found, scored by share of boxes, with the boxes drawn', async () => {
    const result = await client.callTool({ name: 'tag_image', arguments: { image: await image() } });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({
      tags: [
        {
          tag: 'square',
          score: 0.667,
          count: 2,
          boxes: [
            [0.2505, 0.2505, 0.7495, 0.7495],
            [0.0005, 0.0005, 0.4995, 0.4995],
          ],
        },
        { tag: 'blue', score: 0.333, count: 1, boxes: [[0.0005, 0.0005, 0.9995, 0.9995]] },
      ],
      boxes: 3,
      truncated: false,
    });
    expect(textOf(result)).toBe('Tags: square ×2, blue');
    const [picture] = imageBlocks(result);
    expect(picture?.mimeType).toBe('image/jpeg');
    expect(await sharp(picture?.data).metadata()).toMatchObject({ width: 200, height: 100 });
  });

  it('keeps max_tags tags, those with most boxes first', async () => {
    const result = await client.callTool({
      name: 'tag_image',
      arguments: { image: await image(), max_tags: 1 },
    });
    expect(result.structuredContent).toMatchObject({ tags: [{ tag: 'square', count: 2 }], boxes: 3 });
  });

  it('says when the answer was cut short', async () => {
    const result = await client.callTool({
      name: 'tag_image',
      arguments: { image: await image(), max_tokens: 7 },
    });
    expect(result.structuredContent).toMatchObject({
      tags: [{ tag: 'blue', score: 1, count: 1 }],
      boxes: 1,
      truncated: true,
    });
    expect(textOf(result)).toBe('Tags: blue (answer cut at 7 tokens)');
  });
});

describe('tag_image with a preprocessor config that has no task table', () => {
  it('still sends <OD>’s prompt and parses its boxes, from Florence-2’s own defaults', async () => {
    const client = await connectInMemory(
      createCaptionSkill({ model: await tinyFlorenceDir({ taskPrompts: false }) }),
    );
    const image = dataUri(await solidPng('#e01010'));
    const result = await client.callTool({ name: 'tag_image', arguments: { image } });
    expect(result.structuredContent).toMatchObject({
      tags: [
        { tag: 'square', count: 2 },
        { tag: 'red', count: 1 },
      ],
      boxes: 3,
    });
    const caption = await client.callTool({
      name: 'describe_image',
      arguments: { image, detail: 'detailed' },
    });
    expect(caption.structuredContent).toMatchObject({ caption: 'The image shows a red square.' });
    await client.close();
  });
});
