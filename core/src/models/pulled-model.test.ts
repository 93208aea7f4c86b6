import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MmskillsError } from '../errors.js';
import { modelCacheDir } from './cache-dir.js';
import { type SkillModelInput, SkillModelSchema } from './catalogue/entry.js';
import { resolveSkillModel, type SkillModelChoice } from './pulled-model.js';

const entry = (name: string, extra: Partial<SkillModelInput> = {}) =>
  SkillModelSchema.parse({
    name,
    skill: 'sam',
    title: `Tiny SAM ${name}`,
    family: 'slimsam',
    repo: 'test-org/tiny-sam',
    licence: 'apache-2.0',
    files: [{ file: 'config.json' }, { file: 'onnx/vision_encoder.onnx', size: 4 }],
    ...extra,
  });

const models = [
  entry('tiny-sam'),
  entry('tiny-sam-default', { default: true }),
  entry('tiny-ground', { skill: 'ground' }),
];

describe('resolveSkillModel', () => {
  let cacheDir: string;
  const choose = (choice?: string, skill = 'sam') =>
    resolveSkillModel({
      skill,
      flag: '--model',
      envVar: 'MMSKILLS_SAM_MODEL',
      cacheDir,
      models,
      ...(choice === undefined ? {} : { choice }),
    } satisfies SkillModelChoice);
  const pull = async (name: string) => {
    for (const file of ['config.json', 'onnx/vision_encoder.onnx']) {
      await mkdir(dirname(join(cacheDir, name, file)), { recursive: true });
      await writeFile(join(cacheDir, name, file), 'data');
    }
  };

  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'mmskills-pulled-'));
  });
  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('takes a folder the user gave as it is', async () => {
    const folder = join(cacheDir, 'my-sam');
    await mkdir(folder);
    expect(choose(folder)).toEqual({ dir: folder, source: 'user' });
  });

  it('finds a catalogue model pulled into the cache by its name', async () => {
    await pull('tiny-sam');
    const found = choose('tiny-sam');
    expect(found).toMatchObject({ dir: join(cacheDir, 'tiny-sam'), source: 'cache' });
    expect(found.model?.name).toBe('tiny-sam');
  });

  it("uses the skill's default model when the user names none", async () => {
    await pull('tiny-sam-default');
    expect(choose().model?.name).toBe('tiny-sam-default');
    expect(choose('  ').dir).toBe(join(cacheDir, 'tiny-sam-default'));
  });

  it('names the exact pull command when a file of the model is missing', async () => {
    await pull('tiny-sam');
    await rm(join(cacheDir, 'tiny-sam', 'onnx', 'vision_encoder.onnx'));
    expect(() => choose('tiny-sam')).toThrow(MmskillsError);
    expect(() => choose('tiny-sam')).toThrow(/run `npx mmskills model pull tiny-sam`/);
    expect(() => choose()).toThrow(/npx mmskills model pull tiny-sam-default/);
    try {
      choose('tiny-sam');
    } catch (error) {
      expect((error as MmskillsError).code).toBe('model_not_found');
    }
  });

  it("refuses a name that is neither a folder nor one of the skill's models", () => {
    expect(() => choose('tiny-ground')).toThrow(
      /"tiny-ground" is neither a folder nor a sam model \(catalogue: tiny-sam, tiny-sam-default\)/,
    );
    expect(() => choose(undefined, 'clip')).toThrow(/the clip skill has no model in the catalogue/);
  });
});

describe('modelCacheDir', () => {
  it('is MMSKILLS_MODEL_DIR with ~ expanded, else ~/.cache/mmskills/models', () => {
    expect(modelCacheDir({})).toBe(join(homedir(), '.cache', 'mmskills', 'models'));
    expect(modelCacheDir({ MMSKILLS_MODEL_DIR: '~/m' })).toBe(join(homedir(), 'm'));
    expect(modelCacheDir({ MMSKILLS_MODEL_DIR: 'rel' })).toBe(join(process.cwd(), 'rel'));
  });
});

describe('SkillModelSchema', () => {
  it('refuses file paths that would leave the model folder', () => {
    for (const file of ['../x.onnx', 'onnx/../../x', '/etc/passwd', 'a\\b', 'onnx//x', '.hidden', 'a/./b']) {
      expect(SkillModelSchema.safeParse({ ...entry('x'), files: [{ file }] }).success, file).toBe(false);
    }
    expect(
      SkillModelSchema.safeParse({ ...entry('x'), files: [{ file: 'onnx/model_quantized.onnx' }] }).success,
    ).toBe(true);
  });
});
