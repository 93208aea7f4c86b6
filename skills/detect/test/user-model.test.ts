import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseOnnxSessions } from '@mmskills/models';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetectSkill } from '../src/index.js';
import { fieldMajor, fixedYoloModel } from './fixtures/yolo-models.js';

const dir = mkdtempSync(join(tmpdir(), 'mmskills-detect-'));
const file = (name: string, contents: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
};

// Anchors in a 320×320 input: a 160×80 image is scaled ×2 and padded by 80 above and below, so
// x → x / 320 and y → (y − 80) / 160 of the image.
const A = [160, 160, 128, 64]; // [0.3, 0.3, 0.7, 0.7]
const B = [64, 112, 64, 32]; // [0.1, 0.1, 0.3, 0.3]
const C = [300, 230, 80, 40]; // [0.8125, 0.8125, 1.0625, 1.0625], clamped to 1
const v8Anchors = [
  [...A, 0.05, 0.9, 0.02],
  [...B, 0.01, 0.03, 0.8],
  [164, 160, 128, 64, 0, 0.6, 0], // the same banana again, weaker: suppressed
  [...A, 0.5, 0.1, 0.1], // the same box as another class: kept
  [250, 100, 20, 20, 0.1, 0.05, 0.02], // below min_score
  [...C, 0, 0, 0.7],
];
// The same scene for a symbolic-size model: 640 input, a 160×80 image scaled ×4, padded by 160.
const double = (box: number[]) => box.map((v) => v * 2);
const v5Anchors = [
  [...double(A), 1, 0.05, 0.9, 0.02],
  [...double(B), 0.5, 0.01, 0.03, 0.8], // objectness 0.5 × 0.8
  [...double([164, 160, 128, 64]), 1, 0, 0.6, 0],
  [...double(A), 0.2, 0.9, 0, 0],
];

const paths = {
  v8: file(
    'v8.onnx',
    fixedYoloModel({ inputDims: [1, 3, 320, 320], outputDims: [1, 7, 6], values: fieldMajor(v8Anchors) }),
  ),
  v5: file(
    'v5.onnx',
    fixedYoloModel({
      inputDims: ['batch', 3, 'height', 'width'],
      outputDims: [1, 4, 8],
      values: v5Anchors.flat(),
    }),
  ),
  labels: file('fruit.txt', 'apple\nbanana\ncherry\n'),
  fourLabels: file('four.txt', 'apple\nbanana\ncherry\ndate\n'),
};

let image: string;
const connect = (model: string, labels?: string) =>
  connectInMemory(createDetectSkill({ model, ...(labels && { labels }) }));
const detect = (client: Client, args: Record<string, unknown> = {}) =>
  client.callTool({ name: 'detect_objects', arguments: { image, ...args } });

beforeAll(async () => {
  const png = await sharp({ create: { width: 160, height: 80, channels: 3, background: '#808080' } })
    .png()
    .toBuffer();
  image = `data:image/png;base64,${png.toString('base64')}`;
});

afterAll(async () => {
  await releaseOnnxSessions();
  rmSync(dir, { recursive: true, force: true });
});

describe('a user YOLO ONNX model', () => {
  it('decodes the v8 layout [1, 4+C, N]: threshold, class-aware NMS, letterbox mapping, clamping', async () => {
    const client = await connect(paths.v8, paths.labels);
    const result = await detect(client);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      objects: [
        { label: 'banana', score: 0.9, box: [0.3, 0.3, 0.7, 0.7] },
        { label: 'cherry', score: 0.8, box: [0.1, 0.1, 0.3, 0.3] },
        { label: 'cherry', score: 0.7, box: [0.8125, 0.8125, 1, 1] },
        { label: 'apple', score: 0.5, box: [0.3, 0.3, 0.7, 0.7] },
      ],
    });
    expect(textOf(result)).toBe(
      '4 objects: banana 0.90 [0.30, 0.30, 0.70, 0.70]; cherry 0.80 [0.10, 0.10, 0.30, 0.30]; ' +
        'cherry 0.70 [0.81, 0.81, 1.00, 1.00]; apple 0.50 [0.30, 0.30, 0.70, 0.70]',
    );
    const [drawn] = imageBlocks(result);
    expect(drawn?.mimeType).toBe('image/jpeg');
    expect(await sharp(drawn?.data).metadata()).toMatchObject({ width: 160, height: 80 });

    const cherries = await detect(client, { labels: ['Cherry'], max_results: 1 });
    expect(cherries.structuredContent).toEqual({
      objects: [{ label: 'cherry', score: 0.8, box: [0.1, 0.1, 0.3, 0.3] }],
    });
    const unknown = await detect(client, { labels: ['durian'] });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toBe('unknown label "durian"; valid labels: apple, banana, cherry');
  });

  it('decodes the v5 layout [1, N, 5+C] at the default 640 input when the size is symbolic', async () => {
    const client = await connect(paths.v5, paths.labels);
    const result = await detect(client, { min_score: 0.25 });
    expect(result.structuredContent).toEqual({
      objects: [
        { label: 'banana', score: 0.9, box: [0.3, 0.3, 0.7, 0.7] },
        { label: 'cherry', score: 0.4, box: [0.1, 0.1, 0.3, 0.3] },
      ],
    });
  });

  it('reports a labels file that does not match the model', async () => {
    const client = await connect(paths.v8, paths.fourLabels);
    const result = await detect(client);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      `the model's output shape [1, 7, 6] does not fit 4 labels from "${paths.fourLabels}": ` +
        'expected [1, 8, N] (YOLOv8/11) or [1, N, 9] (YOLOv5)',
    );
    const coco = await detect(await connect(paths.v8));
    expect(textOf(coco)).toContain('does not fit 80 labels from the built-in COCO list (no --labels given)');
  });

  it('names the missing labels file and the setting to fix', async () => {
    const missing = join(dir, 'absent.txt');
    const result = await detect(await connect(paths.v8, missing));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `labels file not found: "${missing}". Fix --labels or MMSKILLS_DETECT_LABELS to name a text file with one class name per line.`,
    );
  });
});
