import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badImageCalls, connectInMemory, describeRefusals, textOf } from '@mmskills/skill-kit/testing';
import { describe, expect, it } from 'vitest';
import { createSamSkill } from '../src/index.js';
import { dataUri, scenePng, tinySamFolder } from './pictures.js';

const image = dataUri(await scenePng());
const box = [0.25, 0.25, 0.75, 0.75];
const { dir } = await tinySamFolder();
const emptyCache = await mkdtemp(join(tmpdir(), 'mmskills-sam-empty-'));

describeRefusals({
  skill: createSamSkill({ model: dir }),
  env: { ...process.env, MMSKILLS_FILE_ROOTS: fileURLToPath(new URL('../../../', import.meta.url)) },
  tool: 'segment_region',
  cases: [
    ...(await badImageCalls({ boxes: [box] })),
    ['no box and no point', { image }, /\/boxes: give at least one box or point/],
    ['empty prompt lists', { image, boxes: [], points: [] }, /give at least one box or point/],
    [
      'a box with x2 < x1',
      { image, boxes: [[0.8, 0.1, 0.2, 0.9]] },
      /\/boxes\/0: a box needs x2 > x1 and y2 > y1/,
    ],
    ['a box past the image', { image, boxes: [[0.1, 0.1, 1.5, 0.9]] }, /\/boxes\/0\/2: /],
    ['a box of three numbers', { image, boxes: [[0.1, 0.1, 0.5]] }, /\/boxes\/0/],
    ['17 boxes', { image, boxes: Array.from({ length: 17 }, () => box) }, /\/boxes: /],
    ['a point label of 2', { image, points: [{ x: 0.5, y: 0.5, label: 2 }] }, /\/points\/0\/label/],
    ['a point without y', { image, points: [{ x: 0.5 }] }, /\/points\/0\/y/],
    ['multimask as text', { image, boxes: [box], multimask: 'yes' }, /\/multimask/],
  ],
  valid: { image, boxes: [box] },
});

describe('without its model', () => {
  it('answers every call with the exact pull command, and /health says the model is missing', async () => {
    const skill = createSamSkill({ cacheDir: emptyCache });
    const client = await connectInMemory(skill);
    const command = 'npx mmskills model pull slimsam-77-uniform';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await client.callTool({ name: 'segment_region', arguments: { image, boxes: [box] } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(command);
      expect(textOf(result)).toMatch(/--model <folder> \(or set MMSKILLS_SAM_MODEL\)/);
    }
    expect(skill.model?.()).toMatchObject({ name: 'slimsam-77-uniform', source: 'missing', loaded: false });
    expect(String(skill.model?.().missing)).toContain(command);
  });

  it('names the other catalogue model when asked for it by name', async () => {
    const client = await connectInMemory(createSamSkill({ model: 'sam-vit-base', cacheDir: emptyCache }));
    const result = await client.callTool({ name: 'segment_region', arguments: { image, boxes: [box] } });
    expect(textOf(result)).toContain('npx mmskills model pull sam-vit-base');
  });

  it('refuses a name that is neither a folder nor a catalogue model, listing the catalogue', async () => {
    const client = await connectInMemory(createSamSkill({ model: 'no-such-sam', cacheDir: emptyCache }));
    const result = await client.callTool({ name: 'segment_region', arguments: { image, boxes: [box] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /"no-such-sam" is neither a folder nor a sam model \(catalogue: slimsam-77-uniform, sam-vit-base/,
    );
  });

  it('refuses a folder with no SAM ONNX files, naming what is missing', async () => {
    const folder = join(emptyCache, 'not-a-sam');
    await mkdir(join(folder, 'onnx'), { recursive: true });
    await writeFile(join(folder, 'onnx', 'vision_encoder.onnx'), 'not onnx');
    const client = await connectInMemory(createSamSkill({ model: folder }));
    const result = await client.callTool({ name: 'segment_region', arguments: { image, boxes: [box] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `${folder} is not a SAM model folder: it has no onnx/prompt_encoder_mask_decoder.onnx (in any precision)`,
    );
  });

  it('reports a folder whose ONNX files do not load as a server-side model failure', async () => {
    const folder = join(emptyCache, 'broken-sam');
    await mkdir(join(folder, 'onnx'), { recursive: true });
    for (const name of ['vision_encoder', 'prompt_encoder_mask_decoder'])
      await writeFile(join(folder, 'onnx', `${name}.onnx`), 'not onnx');
    const client = await connectInMemory(createSamSkill({ model: folder }));
    const result = await client.callTool({ name: 'segment_region', arguments: { image, boxes: [box] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      new RegExp(`^segment_region failed on the server: could not load the SAM model in ${folder}: `),
    );
  });
});
