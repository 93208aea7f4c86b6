import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMmskillsError } from '@mmskills/core';
import { rejection } from '@mmskills/core/testing';
import onnxProto from 'onnx-proto';
import { Tensor } from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadOnnxSession,
  onnxRewriteCache,
  releaseOnnxSession,
  releaseOnnxSessions,
} from './onnx-session.js';

const { onnx } = onnxProto;

/** Y = X * 2 + 1 on float32 [1, 3]. */
function affineModel(): Uint8Array {
  const floatInput = (name: string) => ({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimValue: 1 }, { dimValue: 3 }] },
      },
    },
  });
  const scalar = (name: string, value: number) => ({
    name,
    dataType: onnx.TensorProto.DataType.FLOAT,
    dims: [1],
    floatData: [value],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'mmskills-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'affine',
      node: [
        { opType: 'Mul', input: ['X', 'two'], output: ['T'], name: 'mul' },
        { opType: 'Add', input: ['T', 'one'], output: ['Y'], name: 'add' },
      ],
      initializer: [scalar('two', 2), scalar('one', 1)],
      input: [floatInput('X')],
      output: [floatInput('Y')],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

const dir = mkdtempSync(join(tmpdir(), 'mmskills-onnx-'));
afterAll(async () => {
  await releaseOnnxSessions();
  rmSync(dir, { recursive: true, force: true });
});

describe('loadOnnxSession', () => {
  const modelPath = join(dir, 'affine.onnx');
  writeFileSync(modelPath, affineModel());

  it('loads and runs a model', async () => {
    const session = await loadOnnxSession(modelPath);
    expect(session.inputNames).toEqual(['X']);
    const { Y } = await session.run({ X: new Tensor('float32', Float32Array.from([0, 1.5, -2]), [1, 3]) });
    expect(Y?.dims).toEqual([1, 3]);
    expect(Array.from(Y?.data as Float32Array)).toEqual([1, 4, -3]);
  });

  it('loads a model whose idle threads sleep instead of spinning, and runs it', async () => {
    const quiet = join(dir, 'quiet.onnx');
    writeFileSync(quiet, affineModel());
    const session = await loadOnnxSession(quiet, { intraOpNumThreads: 2, spinning: false });
    const { Y } = await session.run({ X: new Tensor('float32', Float32Array.from([1, 2, 3]), [1, 3]) });
    expect(Array.from(Y?.data as Float32Array)).toEqual([3, 5, 7]);
  });

  it('rewrites the model bytes before loading when asked, as a session of its own', async () => {
    const path = join(dir, 'rewritten.onnx');
    writeFileSync(path, affineModel());
    // The rewrite turns Y = 2X + 1 into Y = 2X + 5.
    const apply = (bytes: Uint8Array) => {
      const model = onnx.ModelProto.decode(bytes);
      const one = model.graph?.initializer?.find((tensor) => tensor.name === 'one');
      if (one) one.floatData = [5];
      return onnx.ModelProto.encode(model).finish();
    };
    const rewrite = { name: 'test', apply };
    const plain = await loadOnnxSession(path);
    const rewritten = await loadOnnxSession(path, { rewrite });
    expect(rewritten).not.toBe(plain);
    expect(await loadOnnxSession(path, { rewrite })).toBe(rewritten);
    const feeds = { X: new Tensor('float32', Float32Array.from([0, 1, 2]), [1, 3]) };
    expect(Array.from((await rewritten.run(feeds)).Y?.data as Float32Array)).toEqual([5, 7, 9]);
    expect(Array.from((await plain.run(feeds)).Y?.data as Float32Array)).toEqual([1, 3, 5]);
    const broken = await rejection(
      loadOnnxSession(path, { rewrite: { name: 'broken', apply: () => new Uint8Array([1, 2, 3]) } }),
    );
    expect(broken).toMatchObject({ code: 'model_failed' });
    expect(broken.message).toContain(path);
  });

  it('keeps a versioned rewrite on disk and opens a later session from it', async () => {
    const path = join(dir, 'kept.onnx');
    writeFileSync(path, affineModel());
    let runs = 0;
    const rewrite = {
      name: 'plus-four',
      version: '1',
      cacheDir: join(dir, 'rewrites'),
      apply: (bytes: Uint8Array) => {
        runs += 1;
        const model = onnx.ModelProto.decode(bytes);
        const one = model.graph?.initializer?.find((tensor) => tensor.name === 'one');
        if (one) one.floatData = [5];
        return onnx.ModelProto.encode(model).finish();
      },
    };
    const feeds = () => ({ X: new Tensor('float32', Float32Array.from([0, 1, 2]), [1, 3]) });
    const first = await loadOnnxSession(path, { rewrite });
    expect(onnxRewriteCache(first)).toBe('written');
    // A new process has no session yet: releasing the only hold stands in for it.
    await releaseOnnxSession(first);
    const second = await loadOnnxSession(path, { rewrite });
    expect(second).not.toBe(first);
    expect(onnxRewriteCache(second)).toBe('read');
    expect(runs).toBe(1);
    expect(Array.from((await second.run(feeds())).Y?.data as Float32Array)).toEqual([5, 7, 9]);
    expect(onnxRewriteCache(await loadOnnxSession(path))).toBeUndefined();
  });

  it('releases a session once every holder gave it back, then opens the file again', async () => {
    const path = join(dir, 'held.onnx');
    writeFileSync(path, affineModel());
    const a = await loadOnnxSession(path);
    const b = await loadOnnxSession(path);
    expect(b).toBe(a);
    await releaseOnnxSession(a);
    expect(await loadOnnxSession(path)).toBe(a);
    await releaseOnnxSession(a, a);
    const feeds = { X: new Tensor('float32', Float32Array.from([1, 2, 3]), [1, 3]) };
    await expect(a.run(feeds)).rejects.toThrow();
    const reopened = await loadOnnxSession(path);
    expect(reopened).not.toBe(a);
    expect(Array.from((await reopened.run(feeds)).Y?.data as Float32Array)).toEqual([3, 5, 7]);
  });

  it('returns the same session for the same file, also through a symlink', async () => {
    const link = join(dir, 'link.onnx');
    symlinkSync(modelPath, link);
    const [a, b] = await Promise.all([loadOnnxSession(modelPath), loadOnnxSession(modelPath)]);
    expect(a).toBe(b);
    expect(await loadOnnxSession(link)).toBe(a);
  });

  it('runs the warm-up feeds once at load', async () => {
    const path = join(dir, 'warm.onnx');
    writeFileSync(path, affineModel());
    const seen: string[] = [];
    const session = await loadOnnxSession(path, {
      intraOpNumThreads: 1,
      warmup: (s) => {
        seen.push(...s.inputNames);
        return { X: new Tensor('float32', new Float32Array(3), [1, 3]) };
      },
    });
    expect(seen).toEqual(['X']);
    await loadOnnxSession(path, { warmup: () => ({}) });
    expect(seen).toEqual(['X']);
    expect(session.outputNames).toEqual(['Y']);
  });

  it('gives model_failed when the warm-up feeds are wrong', async () => {
    const path = join(dir, 'bad-warm.onnx');
    writeFileSync(path, affineModel());
    const error = await rejection(loadOnnxSession(path, { warmup: () => ({}) }));
    expect(isMmskillsError(error, 'model_failed')).toBe(true);
    expect(error.message).toContain(`warm-up run of ONNX model "${path}" failed`);
  });

  it('gives model_not_found for a missing file', async () => {
    const missing = join(dir, 'missing.onnx');
    const error = await rejection(loadOnnxSession(missing));
    expect(isMmskillsError(error, 'model_not_found')).toBe(true);
    expect(error.message).toBe(`ONNX model file not found: "${missing}"`);
    expect(isMmskillsError(await rejection(loadOnnxSession(dir)), 'model_not_found')).toBe(true);
  });

  it('gives model_failed with the cause for a corrupt file, and does not cache the failure', async () => {
    const path = join(dir, 'corrupt.onnx');
    writeFileSync(path, randomBytes(512));
    const error = await rejection(loadOnnxSession(path));
    expect(isMmskillsError(error, 'model_failed')).toBe(true);
    expect(error.message).toContain(`could not load ONNX model "${path}"`);
    expect(error.cause).toBeInstanceOf(Error);

    writeFileSync(path, affineModel());
    const session = await loadOnnxSession(path);
    const { Y } = await session.run({ X: new Tensor('float32', Float32Array.from([1, 2, 3]), [1, 3]) });
    expect(Array.from(Y?.data as Float32Array)).toEqual([3, 5, 7]);
  });
});
