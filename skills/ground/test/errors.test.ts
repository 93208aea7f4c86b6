import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badImageCalls, connectInMemory, describeRefusals, textOf } from '@mmskills/skill-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createGroundSkill } from '../src/index.js';
import { writeTinyOwl } from './fixtures/owl-models.js';
import { blocksPng, dataUri } from './pictures.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const root = await mkdtemp(join(tmpdir(), 'mmskills-ground-errors-'));
const tiny = await writeTinyOwl(join(root, 'tiny'));
const image = dataUri(await blocksPng(32, 32, [{ left: 8, top: 8, width: 8, height: 8, rgb: [255, 0, 0] }]));

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describeRefusals({
  skill: createGroundSkill({ model: tiny }),
  env: { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot },
  tool: 'ground_objects',
  cases: [
    ...(await badImageCalls({ query: 'red mug' })),
    ['no query', { image }, /\/query: /],
    ['an empty query string', { image, query: '' }, /\/query: /],
    ['a query of only separators', { image, query: ' . , ' }, /names nothing to find/],
    [
      '17 phrases',
      { image, query: Array.from({ length: 17 }, (_, i) => `thing ${i}`).join('. ') },
      /at most 16/,
    ],
    ['a phrase of 81 characters', { image, query: 'x'.repeat(81) }, /keep each phrase to 80/],
    ['a query that is a number', { image, query: 7 }, /\/query: /],
    ['threshold above 1', { image, query: 'red', threshold: 1.5 }, /\/threshold: /],
    ['max_results of 0', { image, query: 'red', max_results: 0 }, /\/max_results: /],
  ],
  valid: { image, query: 'red mug' },
});

const call = (skill: ReturnType<typeof createGroundSkill>) =>
  connectInMemory(skill).then(async (client) => {
    const result = await client.callTool({ name: 'ground_objects', arguments: { image, query: 'red mug' } });
    await client.close();
    return result;
  });

describe('ground_objects without a usable model', () => {
  it('answers every call with the exact pull command when the default model is not downloaded', async () => {
    const empty = await mkdtemp(join(root, 'empty-cache-'));
    const skill = createGroundSkill({ cacheDir: empty });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await call(skill);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/`npx mmskills model pull owlv2-base-patch16-ensemble`/);
      expect(textOf(result)).toMatch(/--model <folder> \(or set MMSKILLS_GROUND_MODEL\)/);
    }
  });

  it('names the pull command of the catalogue model the user chose', async () => {
    const empty = await mkdtemp(join(root, 'empty-cache-'));
    const result = await call(createGroundSkill({ model: 'grounding-dino-tiny', cacheDir: empty }));
    expect(textOf(result)).toMatch(/`npx mmskills model pull grounding-dino-tiny`/);
  });

  it('says a --model that is neither a folder nor a catalogue name is neither', async () => {
    const result = await call(createGroundSkill({ model: join(root, 'no-such-model') }));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /is neither a folder nor a ground model \(catalogue: owlv2-base-patch16-ensemble/,
    );
  });

  it('refuses a folder holding another kind of model, naming what it holds', async () => {
    const other = join(root, 'a-yolo');
    await mkdir(join(other, 'onnx'), { recursive: true });
    await writeFile(join(other, 'config.json'), '{"model_type": "yolos"}');
    const result = await call(createGroundSkill({ model: other }));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /holds a "yolos" model; the ground skill runs owlv2, owlvit, grounding-dino/,
    );
  });
});
