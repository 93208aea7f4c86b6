import { connectInMemory, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptionSkill } from '../src/index.js';
import { TINY_ANSWERS, tinyFlorenceDir } from './fixtures/florence-model.js';
import { dataUri, solidPng } from './pictures.js';

// The tiny Florence-2 writes the colour of the image's strongest normalised channel, so each
// caption below went through the real processor (resize, normalise, task prompt), the four
// graphs, transformers.js's generation loop and the processor's post-processing.
describe('describe_image on a tiny Florence-2', () => {
  let client: Client;
  const red = async () => dataUri(await solidPng('#e01010'));

  beforeAll(async () => {
    client = await connectInMemory(createCaptionSkill({ model: await tinyFlorenceDir() }));
  });
  afterAll(async () => {
    await client.close();
  });

  it('writes a short caption by default', async () => {
    const result = await client.callTool({ name: 'describe_image', arguments: { image: await red() } });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({
      caption: TINY_ANSWERS.caption('red'),
      detail: 'short',
      task: '<CAPTION>',
      truncated: false,
    });
    expect(textOf(result)).toBe('A red square.');
  });

  it.each([
    ['detailed', '<DETAILED_CAPTION>', TINY_ANSWERS.detailed('red')],
    ['more_detailed', '<MORE_DETAILED_CAPTION>', TINY_ANSWERS.moreDetailed('red')],
  ])('runs the %s task through its own prompt', async (detail, task, caption) => {
    const result = await client.callTool({
      name: 'describe_image',
      arguments: { image: await red(), detail },
    });
    expect(result.structuredContent).toMatchObject({ caption, task, truncated: false });
  });

  it.each([
    ['#10c020', 'green'],
    ['#1010e0', 'blue'],
  ])('says what the picture holds: %s is %s', async (colour, word) => {
    const image = dataUri(await solidPng(colour, 300, 90));
    const result = await client.callTool({ name: 'describe_image', arguments: { image } });
    expect(result.structuredContent).toMatchObject({ caption: TINY_ANSWERS.caption(word) });
  });

  it('stops at max_tokens and says the caption was cut', async () => {
    const result = await client.callTool({
      name: 'describe_image',
      arguments: { image: await red(), max_tokens: 3 },
    });
    // <s>, "A", then the </s> the generation config forces at the last step.
    expect(result.structuredContent).toMatchObject({ caption: 'A', truncated: true });
    expect(textOf(result)).toBe('A (cut at 3 tokens)');
  });
});

describe('describe_image on int8 graphs', () => {
  it('loads the _quantized.onnx files when the folder has only those', async () => {
    const skill = createCaptionSkill({ model: await tinyFlorenceDir({ quantized: true }) });
    const client = await connectInMemory(skill);
    const result = await client.callTool({
      name: 'describe_image',
      arguments: { image: dataUri(await solidPng('#e01010')) },
    });
    expect(result.structuredContent).toMatchObject({ caption: 'A red square.' });
    expect(skill.model?.()).toMatchObject({ family: 'florence2', source: 'user', loaded: true });
    await client.close();
  });
});
