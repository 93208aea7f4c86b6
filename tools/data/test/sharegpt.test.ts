import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SkillPool } from '@mmskills/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPool } from '../src/builtin-pool.js';
import { writeDataset } from '../src/export/dataset-files.js';
import { ShareGptSampleSchema, toShareGpt } from '../src/export/sharegpt.js';
import { type GenerateResult, generateSamples } from '../src/generate.js';
import { imagesOf, parseSamples, type Sample, toOpenAi } from '../src/sample.js';

const photos = new URL('../../../test/photos', import.meta.url).pathname;
const tokens = (text: string) => text.split('<image>').length - 1;

describe('writing a generated set for trainers: sharegpt (LLaMA-Factory, ms-swift), openai, llava', () => {
  let dir: string;
  let out: string;
  let pool: SkillPool;
  let result: GenerateResult;
  const text = (file: string) => readFile(join(out, file), 'utf8');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mmskills-sharegpt-'));
    const pictures = join(dir, 'pictures');
    out = join(dir, 'data');
    await mkdir(pictures);
    await mkdir(out);
    for (const name of ['page.png', 'astronaut.png'])
      await copyFile(join(photos, name), join(pictures, name));
    // LLaMA-Factory's registry usually lists other datasets already: they must survive.
    await writeFile(join(out, 'dataset_info.json'), JSON.stringify({ other: { file_name: 'other.json' } }));
    pool = builtinPool(['image', 'ocr', 'face'], { source: true });
    result = await generateSamples({ pool, imagesDir: pictures, count: 16, seed: 'sharegpt' });
    for (const [format, file] of [
      ['sharegpt', 'train.jsonl'],
      ['openai', 'train-openai.jsonl'],
      ['llava', 'train-llava.jsonl'],
    ] as const) {
      await writeDataset({
        out: join(out, file),
        format,
        samples: result.samples,
        made: result.made,
        imagesDir: pictures,
      });
    }
  }, 300_000);

  afterAll(async () => {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one <image> token per entry of images, and every picture it names beside the file', async () => {
    const lines = (await text('train.jsonl'))
      .trimEnd()
      .split('\n')
      .map((line) => ShareGptSampleSchema.parse(JSON.parse(line)));
    expect(lines).toHaveLength(16);
    expect(lines.some((line) => line.images.length > 1)).toBe(true);
    for (const line of lines) {
      expect(line.messages.reduce((sum, message) => sum + tokens(message.content), 0)).toBe(
        line.images.length,
      );
      expect(line.messages.map((message) => message.role)).toEqual(
        line.messages.map((_, i) => (i % 2 === 0 ? 'user' : 'assistant')),
      );
      expect(line.messages[0]?.content).toMatch(/^<image>\n<image_1> \S/);
      for (const path of line.images) {
        expect(path).toMatch(/^images\//);
        expect(existsSync(join(out, path)), path).toBe(true);
      }
    }
    for (const made of result.made) {
      expect((await readFile(join(out, 'images', made.name))).equals(made.data), made.name).toBe(true);
    }
    const copy = await readFile(join(out, 'images', 'page.png'));
    expect(copy.equals(await readFile(join(photos, 'page.png')))).toBe(true);
  });

  it('registers the file in dataset_info.json the way LLaMA-Factory reads multimodal sharegpt', async () => {
    expect(JSON.parse(await text('dataset_info.json'))).toEqual({
      other: { file_name: 'other.json' },
      train: {
        file_name: 'train.jsonl',
        formatting: 'sharegpt',
        columns: { messages: 'messages', images: 'images' },
        tags: { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant' },
      },
    });
  });

  it('shows a returned picture in the observation turn in every format, and reads each format back', async () => {
    const rebased = parseSamples(await text('train-llava.jsonl'));
    expect(rebased.map((sample) => sample.id)).toEqual(result.samples.map((sample) => sample.id));
    expect(parseSamples(await text('train.jsonl'))).toEqual(rebased);
    expect(parseSamples(await text('train-openai.jsonl'))).toEqual(rebased);
    const zoom = rebased.find((sample) => sample.id.includes(':zoom:')) as Sample;
    expect(zoom.image).toEqual(['images/page.png', `images/${zoom.id.replaceAll(':', '_')}_image_2.png`]);
    const observation = toOpenAi(zoom).messages[2];
    expect(observation?.role).toBe('user');
    expect(observation?.content).toEqual([
      {
        type: 'text',
        text: expect.stringMatching(/^zoom_in model outputs: .*\n<image_2> from image\/zoom_in:$/s),
      },
      { type: 'image_url', image_url: { url: `images/${zoom.id.replaceAll(':', '_')}_image_2.png` } },
    ]);
    // What an evaluation shows the model is the question's picture only, not the zoomed one.
    expect(imagesOf(zoom)).toEqual(['images/page.png']);
  });

  it('refuses a sample whose <image> tokens do not match its pictures', () => {
    const sample = result.samples.find((entry) => Array.isArray(entry.image)) as Sample;
    expect(() => toShareGpt({ ...sample, image: imagesOf(sample) })).toThrow(/<image> tokens for 1 pictures/);
  });
});
