import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { llamaPresets, writeLlamaModel, writeMmproj } from '@mmskills/test-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const photos = new URL('../../../test/photos', import.meta.url).pathname;
const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));

interface ItemLine {
  id: string;
  correct: boolean;
  toolsCalled: string[];
  steps: number;
  ended: string;
  promptTokens: number;
  completionTokens: number;
  ms: number;
  category: string;
  answer: string;
  expected: string;
}

describe('mmskills eval --answers and eval make-set, as spawned commands', () => {
  let dir: string;
  const mmskills = (...args: string[]) => runCli(bin, args, dir, process.env);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eval-answers-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes the same set twice for one seed', async () => {
    const first = await mmskills(
      'eval',
      'make-set',
      '--out',
      join(dir, 'set'),
      '--seed',
      '4',
      '--photos',
      photos,
    );
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(
      `wrote 29 items (small-text 4, count 6, colour 4, position 7, photo 8) to ${join(dir, 'set', 'items.jsonl')}`,
    );
    const again = await mmskills(
      'eval',
      'make-set',
      '--out',
      join(dir, 'again'),
      '--seed',
      '4',
      '--photos',
      photos,
    );
    expect(again.code).toBe(0);
    expect(await readFile(join(dir, 'again', 'items.jsonl'), 'utf8')).toBe(
      await readFile(join(dir, 'set', 'items.jsonl'), 'utf8'),
    );
  }, 120_000);

  it('runs every question through a scripted model and real skills, prints the table and writes the report', async () => {
    const turns = [
      {
        thoughts: 'Measure first.',
        actions: [{ API_name: 'image_info', API_params: { image: 'image_1' } }],
        value: 'Measuring.',
      },
      { thoughts: 'Done.', actions: [], value: 'It is a cat.' },
    ];
    await writeFile(join(dir, 'turns.json'), JSON.stringify({ turns }));
    const report = join(dir, 'out', 'report.json');
    const result = await mmskills(
      'eval',
      '--answers',
      join(dir, 'set', 'items.jsonl'),
      '--lmm',
      `scripted:${join(dir, 'turns.json')}`,
      '--skills',
      'image',
      '--json',
      report,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^29\/29 photo-page-heading: wrong, 2 steps, \d+ ms$/m);
    expect(result.stdout).toMatch(
      /^category\s+items\s+accuracy\s+tool use\s+steps\s+prompt tok\/item\s+completion tok\/item\s+ms\/item/m,
    );
    for (const row of ['colour\\s+4', 'count\\s+6', 'photo\\s+8', 'position\\s+7', 'small-text\\s+4']) {
      expect(result.stdout).toMatch(new RegExp(`^${row}\\s`, 'm'));
    }
    expect(result.stdout).toMatch(/^overall\s+29\s+6\.9%\s+0\.0% of 14\s+2\.0\s/m);
    expect(result.stdout).toContain(`wrote ${report}`);
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      overall: Record<string, unknown>;
      perCategory: Record<string, { items: number }>;
      items: ItemLine[];
    };
    expect(json.overall).toMatchObject({
      items: 29,
      accuracy: 2 / 29,
      toolItems: 14,
      toolUse: 0,
      meanSteps: 2,
    });
    expect(json.perCategory.photo?.items).toBe(8);
    // "It is a cat." is right where the answer is a cat, in words or as the option that says so.
    expect(json.items.filter((item) => item.correct).map((item) => item.id)).toEqual([
      'photo-chelsea-animal',
      'photo-chelsea-choice',
    ]);
    for (const item of json.items) {
      expect(item).toMatchObject({
        toolsCalled: ['image_info'],
        steps: 2,
        ended: 'answer',
        answer: 'It is a cat.',
      });
      expect(item.promptTokens).toBeGreaterThan(0);
      expect(item.ms).toBeGreaterThanOrEqual(0);
    }
  }, 300_000);

  it('runs a tiny llama.cpp model to a sane report', async () => {
    const model = join(dir, 'tiny.gguf');
    const mmproj = join(dir, 'mmproj.gguf');
    await writeLlamaModel(model, { ...llamaPresets.tiny, ctx: 8192, type: 'f16', seed: 11 });
    await writeMmproj(mmproj, { textEmbd: llamaPresets.tiny.embd });
    const report = join(dir, 'llama.json');
    // llama.cpp logs to the process's stdout and stderr, so only the exit code and the report are read.
    const result = await mmskills(
      'eval',
      '--answers',
      join(dir, 'set', 'items.jsonl'),
      '--lmm',
      `llama:${model},mmproj=${mmproj},gpu=cpu,ctx=8192,threads=2`,
      '--skills',
      'image',
      '--limit',
      '3',
      '--max-steps',
      '2',
      '--max-tokens',
      '120',
      '--json',
      report,
    );
    expect(result.code, result.stderr.slice(-2000)).toBe(0);
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      overall: { items: number; accuracy: number };
      items: ItemLine[];
    };
    expect(json.overall.items).toBe(3);
    expect(json.overall.accuracy).toBeGreaterThanOrEqual(0);
    expect(json.overall.accuracy).toBeLessThanOrEqual(1);
    for (const item of json.items) {
      expect(['answer', 'stopped', 'error']).toContain(item.ended);
      expect(item.steps).toBeGreaterThanOrEqual(1);
      expect(item.steps).toBeLessThanOrEqual(2);
      expect(item.promptTokens).toBeGreaterThan(0);
      expect(item.completionTokens).toBeGreaterThan(0);
      expect(item.ms).toBeGreaterThan(0);
      expect(item.expected).not.toBe('');
    }
  }, 300_000);

  it.each([
    [['--answers', 'bad.jsonl', '--lmm', 'scripted:turns.json'], /bad\.jsonl line 2: not JSON/],
    [
      ['--answers', 'missing.jsonl', '--lmm', 'scripted:turns.json'],
      /cannot read the item file missing\.jsonl/,
    ],
    [['--answers', 'gone.jsonl', '--lmm', 'scripted:turns.json'], /item g: no picture at .*nowhere\.png/],
    [
      ['--answers', 'bad.jsonl', '--lmm', 'scripted:turns.json', '--format', 'coco'],
      /--format coco: expected mmskills/,
    ],
    [
      ['--answers', 'bad.jsonl', '--lmm', 'scripted:turns.json', '--max-steps', '0'],
      /--max-steps 0: expected a whole/,
    ],
    [['--answers', 'bad.jsonl'], /eval --answers needs --lmm/],
    [
      ['--answers', 'bad.jsonl', '--data', 'x.jsonl', '--lmm', 'scripted:turns.json'],
      /--data or --answers, not both/,
    ],
    [['make-set'], /eval make-set needs --out/],
    [['shuffle'], /eval: unknown argument "shuffle"/],
    [['--answers', 'bad.jsonl', '--colour', 'red'], /Unknown option '--colour'/],
  ])(
    'refuses eval %j with exit 2',
    async (args, message) => {
      const good = { id: 'g', image: 'nowhere.png', question: 'Q?', answer: { kind: 'text', value: 'v' } };
      await writeFile(join(dir, 'bad.jsonl'), `${JSON.stringify(good)}\n{"id": \n`);
      await writeFile(join(dir, 'gone.jsonl'), `${JSON.stringify(good)}\n`);
      const result = await mmskills('eval', ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(dir, 'report.json'))).toBe(false);
    },
    60_000,
  );
});
