import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTurn } from '@mmskills/core';
import type { SkillPool } from '@mmskills/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyFlorence } from '../../../skills/caption/test/fixtures/florence-model.js';
import { writeTinyModel } from '../../../skills/clip/test/fixtures/tiny-models.js';
import { writeTinyOwl } from '../../../skills/ground/test/fixtures/owl-models.js';
import { writeTinyLama } from '../../../skills/inpaint/test/fixtures/lama-models.js';
import { writeTinySam } from '../../../skills/sam/test/fixtures/sam-models.js';
import { builtinPool } from '../src/builtin-pool.js';
import { generateSamples } from '../src/generate.js';
import type { Sample } from '../src/sample.js';

const photos = new URL('../../../test/photos', import.meta.url).pathname;
const NEW_TOOLS = [
  'ground_objects',
  'segment_region',
  'describe_image',
  'tag_image',
  'classify_image',
  'remove_object',
];

const calledTools = (sample: Sample) =>
  sample.conversations
    .filter((turn) => turn.from === 'gpt')
    .flatMap((turn) => parseTurn(turn.value).actions.map((action) => action.API_name));

// The skills whose models are pulled take part in instruction data like the others: their tool
// examples become samples whose answers come from their real output (here on tiny models with the
// families' signatures, written by each skill's own fixtures).
describe('generate with the model-pulling skills', () => {
  let pool: SkillPool;
  let samples: Sample[];
  let skipped: Array<{ id: string; reason: string }>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'data-models-'));
    await writeTinyFlorence(join(dir, 'florence'));
    const env = {
      MMSKILLS_LOG_LEVEL: 'warn',
      MMSKILLS_GROUND_MODEL: await writeTinyOwl(join(dir, 'owl')),
      MMSKILLS_SAM_MODEL: await writeTinySam(join(dir, 'sam')),
      MMSKILLS_CAPTION_MODEL: join(dir, 'florence'),
      MMSKILLS_CLIP_MODEL: writeTinyModel(join(dir, 'clip'), 'clip'),
      MMSKILLS_INPAINT_MODEL: writeTinyLama(join(dir, 'lama')),
    };
    pool = builtinPool(['image', 'ground', 'sam', 'caption', 'clip', 'inpaint'], { source: true, env });
    const result = await generateSamples({ pool, imagesDir: photos, count: 400, seed: 'model-skills' });
    samples = result.samples;
    skipped = result.skipped;
  }, 600_000);

  afterAll(async () => {
    await pool?.close();
  });

  it('makes samples that call each new tool, answered from its output', () => {
    const called = new Set(samples.flatMap(calledTools));
    for (const tool of NEW_TOOLS) expect(called, tool).toContain(tool);
  });

  it('skips only calls the tools refuse, each with the reason', () => {
    for (const entry of skipped) expect(entry.reason, entry.id).toMatch(/\S/);
    // A refused call is never a missing model: every skill found its tiny model.
    expect(skipped.filter((entry) => /model pull/.test(entry.reason))).toEqual([]);
  });
});
