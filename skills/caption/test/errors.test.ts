import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badImageCalls, connectInMemory, describeRefusals, textOf } from '@mmskills/skill-kit/testing';
import { describe, expect, it } from 'vitest';
import { createCaptionSkill } from '../src/index.js';
import { tinyFlorenceDir } from './fixtures/florence-model.js';
import { dataUri, solidPng } from './pictures.js';

const env = { ...process.env, MMSKILLS_FILE_ROOTS: fileURLToPath(new URL('../../../', import.meta.url)) };
const skill = createCaptionSkill({ model: await tinyFlorenceDir() });
const image = dataUri(await solidPng('#e01010'));

describeRefusals({
  skill,
  env,
  tool: 'describe_image',
  cases: [
    ...(await badImageCalls()),
    ['an unknown detail', { image, detail: 'long' }, /\/detail: /],
    ['max_tokens of 0', { image, max_tokens: 0 }, /\/max_tokens: /],
    ['max_tokens over 1024', { image, max_tokens: 5000 }, /\/max_tokens: /],
  ],
  valid: { image },
});

describeRefusals({
  skill,
  env,
  tool: 'tag_image',
  cases: [
    ...(await badImageCalls()),
    ['max_tags of 0', { image, max_tags: 0 }, /\/max_tags: /],
    ['max_tags as a string', { image, max_tags: '3' }, /\/max_tags: /],
  ],
  valid: { image },
});

describe('the caption skill without its model', () => {
  it('answers every call with the pull command, and its status says the model is missing', async () => {
    const missing = createCaptionSkill({ cacheDir: await mkdtemp(join(tmpdir(), 'mmskills-empty-')) });
    const client = await connectInMemory(missing);
    for (const name of ['describe_image', 'tag_image']) {
      const result = await client.callTool({ name, arguments: { image } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/is not downloaded: run `npx mmskills model pull florence-2-base-ft`/);
    }
    expect(missing.model?.()).toMatchObject({ family: 'florence2', loaded: false, missing: true });
    await client.close();
  });

  it('names a --model folder that holds no Florence-2 graphs', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'mmskills-not-florence-'));
    const client = await connectInMemory(createCaptionSkill({ model: empty }));
    const result = await client.callTool({ name: 'describe_image', arguments: { image } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `${empty} is not a Florence-2 ONNX folder: it needs onnx/{vision_encoder,embed_tokens,encoder_model,decoder_model_merged}.onnx (or their _quantized.onnx)`,
    );
    await client.close();
  });

  it('names a --model that is neither a folder nor a catalogue name', async () => {
    const client = await connectInMemory(createCaptionSkill({ model: 'florence-9' }));
    const result = await client.callTool({ name: 'tag_image', arguments: { image } });
    expect(textOf(result)).toMatch(
      /--model \/ MMSKILLS_CAPTION_MODEL "florence-9" is neither a folder nor a caption model \(catalogue: florence-2-base-ft, florence-2-large-ft\)/,
    );
    await client.close();
  });
});
