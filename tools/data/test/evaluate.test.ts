import { renderTurn, type Turn } from '@mmskills/core';
import { createScriptedBackend, type SkillPool } from '@mmskills/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPool } from '../src/builtin-pool.js';
import { evaluate } from '../src/evaluate.js';
import type { Sample } from '../src/sample.js';

const photos = new URL('../../../test/photos', import.meta.url).pathname;

function sample(id: string, question: string, turn: Turn): Sample {
  return {
    id,
    image: 'text.png',
    conversations: [
      { from: 'human', value: `<image>\n<image_1> ${question}` },
      { from: 'gpt', value: renderTurn(turn) },
    ],
  };
}
const act = (API_name: string, API_params: Record<string, unknown>): Turn => ({
  thoughts: 't',
  actions: [{ API_name, API_params }],
  value: 'v',
});

// The scripted model always answers its one turn; so it is right exactly where a sample expects that turn.
const samples = [
  sample('read-exact', 'What does it say?', act('read_text', { image: 'image_1' })),
  sample('read-exact-2', 'Read it.', act('read_text', { image: 'image_1' })),
  sample('read-params', 'Read the sure lines.', act('read_text', { image: 'image_1', min_confidence: 0.9 })),
  sample('crop', 'Crop the left half.', act('crop', { image: 'image_1', box: [0, 0, 0.5, 1] })),
  sample('info', 'How big is it?', act('image_info', { image: 'image_1' })),
  sample('none', 'Hello!', { thoughts: 't', actions: [], value: 'Hi.' }),
];

describe('eval with a scripted model that is right on some samples', () => {
  let pool: SkillPool;

  beforeAll(() => {
    pool = builtinPool(['image', 'ocr'], { source: true });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('scores tool selection, argument validity and exact matches per skill', async () => {
    const backend = createScriptedBackend({ turns: [act('read_text', { image: 'image_1' })] });
    const report = await evaluate({ samples, backend, pool, imagesDir: photos });
    // Per sample: read-exact ×2 all right; read-params right tool, wrong params; crop, info, none wrong.
    expect(report.overall).toEqual({
      samples: 6,
      toolSelection: 3 / 6,
      argumentValidity: 1,
      apiNameMatch: 3 / 6,
      apiParamsMatch: 2 / 6,
      predictedActions: 6,
      validActions: 6,
      unreadable: 0,
    });
    expect(Object.keys(report.perSkill)).toEqual(['image', 'none', 'ocr']);
    expect(report.perSkill.ocr).toMatchObject({
      samples: 3,
      toolSelection: 1,
      apiNameMatch: 1,
      apiParamsMatch: 2 / 3,
    });
    expect(report.perSkill.image).toMatchObject({ samples: 2, toolSelection: 0, apiParamsMatch: 0 });
    expect(report.perSkill.none).toMatchObject({ samples: 1, toolSelection: 0 });
    expect(report.table).toMatch(/^overall\s+6\s+50\.0%\s+100\.0%\s+50\.0%\s+33\.3%\s+0$/m);
  }, 120_000);

  it('counts arguments the schema refuses, unknown tools and unreadable replies', async () => {
    const invalid = createScriptedBackend({
      turns: [act('read_text', { image: 'image_1', min_confidence: 7 })],
    });
    const bad = await evaluate({ samples, backend: invalid, pool, imagesDir: photos });
    expect(bad.overall).toMatchObject({
      argumentValidity: 0,
      toolSelection: 3 / 6,
      apiParamsMatch: 0,
      validActions: 0,
    });

    const direct = createScriptedBackend({ turns: [{ thoughts: 't', actions: [], value: 'Hi.' }] });
    const answered = await evaluate({ samples, backend: direct, pool, imagesDir: photos });
    expect(answered.overall).toMatchObject({
      toolSelection: 1 / 6,
      apiParamsMatch: 1 / 6,
      argumentValidity: null,
    });

    const garbled = createScriptedBackend({ turns: ['no turn here'] });
    const unreadable = await evaluate({
      samples: samples.slice(0, 2),
      backend: garbled,
      pool,
      imagesDir: photos,
    });
    expect(unreadable.overall).toMatchObject({ unreadable: 2, toolSelection: 0, apiNameMatch: 0 });
  }, 120_000);

  it('refuses a sample whose first model turn is not a unified-format turn, before running anything', async () => {
    const broken: Sample = {
      ...samples[0],
      conversations: [
        { from: 'human', value: 'hi' },
        { from: 'gpt', value: 'no turn' },
      ],
    } as Sample;
    const backend = createScriptedBackend({ turns: ['x'] });
    await expect(evaluate({ samples: [broken], backend, pool, imagesDir: photos })).rejects.toThrow(
      /sample read-exact: its first gpt turn is not a unified-format turn/,
    );
  });
});
