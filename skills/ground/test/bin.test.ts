import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { describeSkillBin } from '@mmskills/skill-kit/testing';
import { afterAll, expect } from 'vitest';
import type { GroundObjectsOutput } from '../src/tools/ground-objects.js';
import { writeTinyOwl } from './fixtures/owl-models.js';
import { blocksPng, dataUri } from './pictures.js';

// The tiny OWLv2 given with --model, as a user names a folder of their own.
const root = await mkdtemp(join(tmpdir(), 'mmskills-ground-bin-'));
const dir = await writeTinyOwl(join(root, 'my-owl'));
afterAll(() => rm(root, { recursive: true, force: true }));

describeSkillBin({
  skill: 'ground',
  bin: [...tsxArgs(new URL('../src/bin.ts', import.meta.url)), '--model', dir],
  env: { MMSKILLS_GROUND_MODEL: '', MMSKILLS_MODEL_DIR: join(dir, 'no-cache') },
  tools: ['ground_objects'],
  smoke: {
    title: 'finds the red block where the tiny model puts it',
    tool: 'ground_objects',
    arguments: async () => ({
      image: dataUri(await blocksPng(32, 32, [{ left: 24, top: 0, width: 8, height: 8, rgb: [255, 0, 0] }])),
      query: 'red mug',
    }),
    check: (result) => {
      const { objects } = result.structuredContent as GroundObjectsOutput;
      expect(objects.map((o) => [o.phrase, o.box_pixels])).toEqual([['red mug', [24, 0, 32, 8]]]);
    },
  },
  healthModel: { name: dir, source: 'user', path: dir, backend: 'transformers.js', loaded: false },
});
