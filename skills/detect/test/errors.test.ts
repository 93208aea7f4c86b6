import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { disposeTfjsGraphModels } from '@mmskills/core';
import { connectInMemory, photoPath, pngClaiming, textOf } from '@mmskills/core/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetectSkill } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dataUri = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;

const coffee = readFileSync(photoPath('coffee'));
let client: Client;
let huge: string;

beforeAll(async () => {
  huge = dataUri(await pngClaiming(20_000, 20_000));
  client = await connectInMemory(createDetectSkill(), { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot });
});

afterAll(async () => {
  await client.close();
  await disposeTfjsGraphModels();
});

describe('detect_objects on bad input', () => {
  it.each([
    ['a zero-byte image', { image: 'data:image/png;base64,' }, /image is empty \(0 bytes\)/],
    [
      'a corrupt image',
      { image: dataUri(Buffer.from('this is not a picture at all')) },
      /not in a supported format/,
    ],
    ['a truncated PNG', { image: dataUri(coffee.subarray(0, coffee.length / 2)) }, /corrupt or truncated/],
    [
      'a 20000×20000 header-only PNG',
      () => ({ image: huge }),
      /^image is 20000×20000 \(400\.0 MP\), over the 40\.0 MP limit/,
    ],
    ['a file outside the allowed roots', { image: '/etc/hostname' }, /outside|not allowed|allowed roots/i],
    ['an image that is a number', { image: 42 }, /^Invalid arguments for detect_objects: \/image: /],
    ['no image', {}, /\/image/],
    ['labels as a string', { image: photoPath('coffee'), labels: 'cup' }, /\/labels: /],
    ['min_score above 1', { image: photoPath('coffee'), min_score: 1.5 }, /\/min_score: .*1/],
    ['min_score as a string', { image: photoPath('coffee'), min_score: '0.5' }, /\/min_score: /],
    ['max_results of 0', { image: photoPath('coffee'), max_results: 0 }, /\/max_results: /],
    [
      'an unknown label',
      { image: photoPath('coffee'), labels: ['cup', 'unicorn'] },
      /^unknown label "unicorn"; valid labels: person, bicycle, car, .*, cat, .*, cup, .*, hair drier, toothbrush$/,
    ],
  ])('answers %s with isError and keeps serving', async (_case, args, message) => {
    const result = await client.callTool({
      name: 'detect_objects',
      arguments: typeof args === 'function' ? args() : args,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['detect_objects']);
  });

  it('still detects after all of that', async () => {
    const result = await client.callTool({
      name: 'detect_objects',
      arguments: { image: photoPath('coffee') },
    });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toMatch(/^\d objects?: cup /);
  });

  it('names a missing --model file and how to fix it, at the first call', async () => {
    const missing = resolve('no-such-detector.onnx');
    const broken = await connectInMemory(createDetectSkill({ model: 'no-such-detector.onnx' }));
    const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    for (let call = 0; call < 2; call++) {
      const result = await broken.callTool({ name: 'detect_objects', arguments: { image: dataUri(small) } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `YOLO ONNX detector: no model file at "${missing}". Fix --model or MMSKILLS_DETECT_MODEL to name an existing file.`,
      );
    }
    await broken.close();
  });

  it('refuses --labels without --model instead of ignoring it', async () => {
    const confused = await connectInMemory(createDetectSkill({ labels: 'fruit.txt' }));
    const result = await confused.callTool({ name: 'detect_objects', arguments: { image: 'x.png' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /--labels \/ MMSKILLS_DETECT_LABELS \("fruit\.txt"\) only applies with --model/,
    );
    await confused.close();
  });
});
