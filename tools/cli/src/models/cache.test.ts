import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelCacheDir } from '@mmskills/core';
import { parseLmmSpec } from '@mmskills/host';
import { describe, expect, it } from 'vitest';
import { cacheStatus, defaultModelDir, expandHome, filePaths, fileState, lmmSpec } from './cache.js';
import { lmmTarget, parseCatalogue } from './catalogue.js';

const [tiny] = parseCatalogue([
  {
    name: 'tiny',
    title: 'Tiny',
    repo: 'org/tiny-GGUF',
    licence: 'mit',
    model: { file: 'tiny.gguf', size: 10 },
    mmproj: { file: 'mmproj-tiny.gguf', size: 6 },
  },
]);
if (!tiny) throw new Error('the catalogue dropped its only entry');

describe('the model cache', () => {
  it('defaults to MMSKILLS_MODEL_DIR, else ~/.cache/mmskills/models', () => {
    expect(defaultModelDir({})).toBe(join(homedir(), '.cache', 'mmskills', 'models'));
    expect(defaultModelDir({ MMSKILLS_MODEL_DIR: '~/models' })).toBe(join(homedir(), 'models'));
    expect(expandHome('relative')).toBe(join(process.cwd(), 'relative'));
    expect(defaultModelDir({ MMSKILLS_MODEL_DIR: 'm' })).toBe(modelCacheDir({ MMSKILLS_MODEL_DIR: 'm' }));
  });

  it('keeps nested files under the model folder and refuses one that would leave it', () => {
    expect(filePaths('/c', { name: 'm' }, { file: 'onnx/model.onnx' })).toEqual({
      final: '/c/m/onnx/model.onnx',
      part: '/c/m/onnx/model.onnx.part',
    });
    for (const file of ['../x', 'a/../../x', '', '.'])
      expect(() => filePaths('/c', { name: 'm' }, { file }), file).toThrow(/would land outside/);
  });

  it('gives an --lmm value the host parses back to both files', () => {
    const spec = parseLmmSpec(lmmSpec('/data/models', tiny));
    expect(spec).toMatchObject({
      kind: 'llama',
      model: '/data/models/tiny/tiny.gguf',
      mmproj: '/data/models/tiny/mmproj-tiny.gguf',
    });
  });

  it('tells complete, partial, wrong-sized and missing files apart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mmskills-cache-'));
    expect(await fileState(dir, tiny, tiny.model)).toEqual({ kind: 'missing', bytes: 0 });
    expect(await cacheStatus(dir, lmmTarget(tiny))).toBe('no');

    await mkdir(join(dir, 'tiny'));
    await writeFile(join(dir, 'tiny', 'tiny.gguf.part'), 'abcd');
    expect(await fileState(dir, tiny, tiny.model)).toEqual({ kind: 'partial', bytes: 4 });
    expect(await cacheStatus(dir, lmmTarget(tiny))).toBe('partial (25%)');

    await writeFile(join(dir, 'tiny', 'tiny.gguf'), 'too short');
    expect((await fileState(dir, tiny, tiny.model)).kind).toBe('partial');

    await writeFile(join(dir, 'tiny', 'tiny.gguf'), '0123456789');
    await writeFile(join(dir, 'tiny', 'mmproj-tiny.gguf'), 'abcdef');
    expect(await fileState(dir, tiny, tiny.model)).toEqual({ kind: 'complete', bytes: 10 });
    expect(await cacheStatus(dir, lmmTarget(tiny))).toBe('yes');
    await rm(dir, { recursive: true });
  });
});
