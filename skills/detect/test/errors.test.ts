import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { photoPath } from '@mmskills/core/testing';
import { disposeTfjsGraphModels } from '@mmskills/models';
import { badImageCalls, connectInMemory, describeRefusals, textOf } from '@mmskills/skill-kit/testing';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createDetectSkill } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dataUri = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;

describeRefusals({
  skill: createDetectSkill(),
  env: { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot },
  tool: 'detect_objects',
  cases: [
    ...(await badImageCalls()),
    ['labels as a string', { image: photoPath('coffee'), labels: 'cup' }, /\/labels: /],
    ['min_score above 1', { image: photoPath('coffee'), min_score: 1.5 }, /\/min_score: .*1/],
    ['min_score as a string', { image: photoPath('coffee'), min_score: '0.5' }, /\/min_score: /],
    ['max_results of 0', { image: photoPath('coffee'), max_results: 0 }, /\/max_results: /],
    [
      'an unknown label',
      { image: photoPath('coffee'), labels: ['cup', 'unicorn'] },
      /^unknown label "unicorn"; valid labels: person, bicycle, car, .*, cat, .*, cup, .*, hair drier, toothbrush$/,
    ],
  ],
  valid: { image: photoPath('coffee') },
});

afterAll(async () => {
  await disposeTfjsGraphModels();
});

describe('detect_objects with bad settings', () => {
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
