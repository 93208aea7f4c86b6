import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMmskillsError } from '@mmskills/core';
import { rejection } from '@mmskills/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { disposeTfjsGraphModels, getTf, loadTfjsGraphModel } from './tfjs-graph.js';

const float = { type: 'DT_FLOAT' };

function constNode(name: string, dims: number[]) {
  return {
    name,
    op: 'Const',
    attr: {
      dtype: float,
      value: {
        tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: dims.map((size) => ({ size: String(size) })) } },
      },
    },
  };
}

/** y = x · W + b with W = [[0.5], [-1]], b = [10]; weights split over two shards. */
function writeAffineGraphModel(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const modelJson = {
    format: 'graph-model',
    generatedBy: 'mmskills-test',
    convertedBy: 'hand',
    modelTopology: {
      node: [
        {
          name: 'x',
          op: 'Placeholder',
          attr: { dtype: float, shape: { shape: { dim: [{ size: '-1' }, { size: '2' }] } } },
        },
        constNode('w', [2, 1]),
        constNode('b', [1]),
        {
          name: 'mm',
          op: 'MatMul',
          input: ['x', 'w'],
          attr: { T: float, transpose_a: { b: false }, transpose_b: { b: false } },
        },
        { name: 'add', op: 'AddV2', input: ['mm', 'b'], attr: { T: float } },
        { name: 'Identity', op: 'Identity', input: ['add'], attr: { T: float } },
      ],
      library: {},
      versions: { producer: 1 },
    },
    weightsManifest: [
      {
        paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
        weights: [
          { name: 'w', shape: [2, 1], dtype: 'float32' },
          { name: 'b', shape: [1], dtype: 'float32' },
        ],
      },
    ],
  };
  const weights = Buffer.from(Float32Array.from([0.5, -1, 10]).buffer);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
  writeFileSync(join(dir, 'group1-shard1of2.bin'), weights.subarray(0, 8));
  writeFileSync(join(dir, 'group1-shard2of2.bin'), weights.subarray(8));
  return join(dir, 'model.json');
}

const root = mkdtempSync(join(tmpdir(), 'mmskills-tfjs-'));
afterAll(async () => {
  await disposeTfjsGraphModels();
  rmSync(root, { recursive: true, force: true });
});

describe('getTf', () => {
  it('initialises tfjs once, on the wasm backend', async () => {
    const [a, b] = await Promise.all([getTf(), getTf()]);
    expect(a).toBe(b);
    expect(a.getBackend()).toBe('wasm');
    const sum = a.tidy(() => a.sum(a.mul(a.tensor1d([1, 2, 3]), 2)));
    expect(await sum.data()).toEqual(Float32Array.from([12]));
    sum.dispose();
  });
});

describe('loadTfjsGraphModel', () => {
  const modelPath = writeAffineGraphModel(join(root, 'affine'));

  it('loads a graph model from disk and predicts', async () => {
    const tf = await getTf();
    const model = await loadTfjsGraphModel(modelPath);
    const input = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const output = model.predict(input) as InstanceType<typeof tf.Tensor>;
    expect(output.shape).toEqual([2, 1]);
    expect(Array.from(await output.data())).toEqual([8.5, 7.5]);
    tf.dispose([input, output]);
  });

  it('returns the same model for the same file', async () => {
    expect(await loadTfjsGraphModel(modelPath)).toBe(
      await loadTfjsGraphModel(join(root, 'affine', '.', 'model.json')),
    );
  });

  it('gives model_not_found for a missing model.json', async () => {
    const missing = join(root, 'nowhere', 'model.json');
    const error = await rejection(loadTfjsGraphModel(missing));
    expect(isMmskillsError(error, 'model_not_found')).toBe(true);
    expect(error.message).toBe(`TFJS model.json not found: "${missing}"`);
  });

  it('gives model_failed for a missing weight shard, and retries after it is fixed', async () => {
    const path = writeAffineGraphModel(join(root, 'no-shard'));
    rmSync(join(root, 'no-shard', 'group1-shard2of2.bin'));
    const error = await rejection(loadTfjsGraphModel(path));
    expect(isMmskillsError(error, 'model_failed')).toBe(true);
    expect(error.message).toContain(`could not load TFJS graph model "${path}"`);
    expect(error.message).toContain('group1-shard2of2.bin');

    writeAffineGraphModel(join(root, 'no-shard'));
    const model = await loadTfjsGraphModel(path);
    expect(model.outputs.map((output) => output.name)).toEqual(['Identity']);
  });

  it('gives model_failed for a model.json that is not JSON', async () => {
    const path = join(root, 'corrupt.json');
    writeFileSync(path, '{ not json');
    const error = await rejection(loadTfjsGraphModel(path));
    expect(isMmskillsError(error, 'model_failed')).toBe(true);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses weight shards outside the model folder', async () => {
    const dir = join(root, 'escape');
    const path = writeAffineGraphModel(dir);
    writeFileSync(
      path,
      JSON.stringify({
        format: 'graph-model',
        modelTopology: { node: [] },
        weightsManifest: [{ paths: ['../affine/group1-shard1of2.bin'], weights: [] }],
      }),
    );
    expect((await rejection(loadTfjsGraphModel(path))).message).toContain('is outside the model');
  });
});
