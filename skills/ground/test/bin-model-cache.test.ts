import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { describeSkillBin } from '@mmskills/skill-kit/testing';
import { afterAll, expect } from 'vitest';
import type { GroundObjectsOutput } from '../src/tools/ground-objects.js';
import { writeTinyOwl } from './fixtures/owl-models.js';
import { blocksPng, dataUri } from './pictures.js';

// The tiny OWLv2 where `mmskills model pull owlv2-base-patch16-ensemble` puts the real one, with
// the catalogue's file list: the skill finds it with no flag at all.
const cache = await mkdtemp(join(tmpdir(), 'mmskills-ground-cache-'));
await writeTinyOwl(join(cache, 'owlv2-base-patch16-ensemble'));
afterAll(() => rm(cache, { recursive: true, force: true }));

describeSkillBin({
  skill: 'ground',
  bin: tsxArgs(new URL('../src/bin.ts', import.meta.url)),
  env: { MMSKILLS_GROUND_MODEL: '', MMSKILLS_MODEL_DIR: cache },
  tools: ['ground_objects'],
  smoke: {
    title: 'runs the default model from the model cache',
    tool: 'ground_objects',
    arguments: async () => ({
      image: dataUri(await blocksPng(32, 32, [{ left: 0, top: 24, width: 8, height: 8, rgb: [0, 0, 255] }])),
      query: ['blue cup'],
    }),
    check: (result) => {
      const { objects } = result.structuredContent as GroundObjectsOutput;
      expect(objects.map((o) => [o.phrase, o.box])).toEqual([['blue cup', [0, 0.75, 0.25, 1]]]);
    },
  },
  healthModel: {
    name: 'owlv2-base-patch16-ensemble',
    family: 'owlv2',
    source: 'cache',
    path: join(cache, 'owlv2-base-patch16-ensemble'),
    loaded: false,
  },
});
