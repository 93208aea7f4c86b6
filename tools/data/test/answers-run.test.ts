import type { Turn } from '@mmskills/core';
import { createScriptedBackend, type SkillPool } from '@mmskills/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnswerItem, type AnswerItemInput, AnswerItemSchema } from '../src/answers/item.js';
import { runAnswers } from '../src/answers/run.js';
import { builtinPool } from '../src/builtin-pool.js';

const photos = new URL('../../../test/photos', import.meta.url).pathname;

const item = (input: Omit<AnswerItemInput, 'image' | 'question'>): AnswerItem =>
  AnswerItemSchema.parse({ image: 'chelsea.png', question: 'What is in this photo?', ...input });

const measure: Turn = {
  thoughts: 'image_info says how big it is first.',
  actions: [{ API_name: 'image_info', API_params: { image: 'image_1' } }],
  value: 'Measuring.',
};
// Each item is a new conversation, so every one replays the script from its first turn.
const answer: Turn = { thoughts: 'Done.', actions: [], value: 'I count 1 cat (B), at [0.2, 0.1, 0.8, 0.9].' };

describe('answer-level evaluation with a scripted model on real skills', () => {
  let pool: SkillPool;
  beforeAll(() => {
    pool = builtinPool(['image'], { source: true });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('runs each whole conversation, tools included, and scores what the model finally said', async () => {
    const items = [
      item({
        id: 'cat',
        answer: { kind: 'text', value: 'cat' },
        category: 'animal',
        expectedTools: ['image_info'],
      }),
      item({
        id: 'dog',
        answer: { kind: 'text', value: 'dog' },
        category: 'animal',
        expectedTools: ['crop'],
      }),
      item({ id: 'one', answer: { kind: 'number', value: 1 }, category: 'count' }),
      item({ id: 'two', answer: { kind: 'number', value: 2 }, category: 'count' }),
      item({
        id: 'choice',
        answer: { kind: 'choice', options: ['dog', 'cat'], correct: 'B' },
        category: 'pick',
      }),
      item({ id: 'box', answer: { kind: 'box', box: [0.2, 0.1, 0.8, 0.9] }, category: 'pick' }),
      item({ id: 'far-box', answer: { kind: 'box', box: [0, 0, 0.1, 0.1] }, category: 'pick' }),
    ];
    const seen: string[] = [];
    const report = await runAnswers({
      items,
      backend: createScriptedBackend({ turns: [measure, answer] }),
      pool,
      imagesDir: photos,
      onItem: (result, done) => seen.push(`${done}:${result.id}`),
    });
    expect(seen).toEqual(items.map((entry, index) => `${index + 1}:${entry.id}`));
    expect(report.items.map((result) => [result.id, result.correct])).toEqual([
      ['cat', true],
      ['dog', false],
      ['one', true],
      ['two', false],
      ['choice', true],
      ['box', true],
      ['far-box', false],
    ]);
    for (const result of report.items) {
      expect(result).toMatchObject({
        answer: answer.value,
        ended: 'answer',
        toolsCalled: ['image_info'],
        toolErrors: 0,
        steps: 2,
      });
      expect(result.promptTokens).toBeGreaterThan(0);
      expect(result.completionTokens).toBeGreaterThan(0);
      expect(result.ms).toBeGreaterThanOrEqual(0);
    }
    expect(report.items[0]).toMatchObject({ toolUse: true, expected: 'cat', extracted: 'cat' });
    expect(report.items[1]).toMatchObject({ toolUse: false, expectedTools: ['crop'] });
    expect(report.items[2]).toMatchObject({ toolUse: null, extracted: '1' });
    expect(report.items[4]).toMatchObject({ expected: '(B) cat', extracted: 'B' });
    expect(report.perCategory.animal).toMatchObject({ items: 2, accuracy: 0.5, toolItems: 2, toolUse: 0.5 });
    expect(report.perCategory.pick).toMatchObject({ items: 3, accuracy: 2 / 3, toolItems: 0, toolUse: null });
    expect(report.overall).toMatchObject({ items: 7, accuracy: 4 / 7, meanSteps: 2, stopped: 0, errors: 0 });
    expect(report.overall.promptTokens).toBe(
      report.items.reduce((sum, result) => sum + result.promptTokens, 0),
    );
    expect(report.table).toMatch(/^category\s+items\s+accuracy\s+tool use\s+steps/);
    expect(report.table).toMatch(/^animal\s+2\s+50\.0%\s+50\.0% of 2\s+2\.0\s/m);
    expect(report.table).toMatch(/^overall\s+7\s+57\.1%\s+50\.0% of 2\s+2\.0\s/m);
  }, 120_000);

  it('counts a conversation the host stops, one the model breaks, and tool errors', async () => {
    const cat = item({ id: 'cat', answer: { kind: 'text', value: 'cat' }, category: 'animal' });
    const endless = await runAnswers({
      items: [cat],
      backend: createScriptedBackend({ turns: [measure] }),
      pool,
      imagesDir: photos,
      maxSteps: 2,
    });
    expect(endless.items[0]).toMatchObject({
      ended: 'stopped',
      correct: false,
      steps: 2,
      toolsCalled: ['image_info', 'image_info'],
    });
    expect(endless.items[0]?.answer).toMatch(/stopped/);
    expect(endless.overall).toMatchObject({ stopped: 1, errors: 0, accuracy: 0 });

    const garbled = await runAnswers({
      items: [cat],
      backend: createScriptedBackend({ turns: ['a cat, but not in the unified format'] }),
      pool,
      imagesDir: photos,
    });
    expect(garbled.items[0]).toMatchObject({ ended: 'error', correct: false, steps: 1, toolsCalled: [] });
    expect(garbled.items[0]?.answer).toMatch(/could not be read twice/);
    expect(garbled.overall.errors).toBe(1);

    const badCrop: Turn = {
      thoughts: 'Crop.',
      actions: [{ API_name: 'crop', API_params: { image: 'image_1', box: [0.5, 0.5, 0.4, 0.4] } }],
      value: 'Cropping.',
    };
    const failing = await runAnswers({
      items: [cat],
      backend: createScriptedBackend({ turns: [badCrop, answer] }),
      pool,
      imagesDir: photos,
    });
    expect(failing.items[0]).toMatchObject({
      ended: 'answer',
      correct: true,
      toolsCalled: ['crop'],
      toolErrors: 1,
    });
  }, 120_000);

  it('checks every picture before it asks anything', async () => {
    const items = [
      item({ id: 'here', answer: { kind: 'text', value: 'cat' } }),
      { ...item({ id: 'gone', answer: { kind: 'text', value: 'cat' } }), image: 'no-such.png' },
    ];
    const done: string[] = [];
    const backend = createScriptedBackend({ turns: [answer] });
    await expect(
      runAnswers({ items, backend, pool, imagesDir: photos, onItem: (result) => done.push(result.id) }),
    ).rejects.toThrow(/item gone: no picture at .*no-such\.png/);
    expect(done).toEqual([]);
  });
});
