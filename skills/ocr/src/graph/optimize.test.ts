import onnxProto from 'onnx-proto';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxGraph } from './onnx-graph.js';
import { optimizeLcnet } from './optimize.js';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const { FLOAT: F, INT: I, INTS: IS } = onnx.AttributeProto.AttributeType;

/** Seeded values in [-1, 1), so every run builds the same model. */
function values(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 30 - 1;
  });
}

/**
 * A PP-LCNet-shaped block, as Paddle exports it (weights as Constant nodes, hard-swish written out):
 * conv3x3 → affine → hswish → affine → conv1x1 → hswish → affine → depthwise conv3x3 (padded).
 */
function lcnetBlock(opset: 9 | 11): Uint8Array {
  const nodes: onnxProto.onnx.INodeProto[] = [];
  const constant = (name: string, dims: number[], data: number[]) =>
    nodes.push({
      opType: 'Constant',
      output: [name],
      attribute: [{ name: 'value', type: 4, t: { name, dims, dataType: FLOAT, floatData: data } }],
    });
  const scalar = (name: string, value: number) => constant(name, [1], [value]);
  const conv = (x: string, w: string, out: string, dims: number[], pads: number, group = 1) => {
    constant(
      w,
      dims,
      values(
        dims.reduce((a, b) => a * b),
        dims.length + w.length,
      ),
    );
    nodes.push({
      opType: 'Conv',
      input: [x, w],
      output: [out],
      attribute: [
        { name: 'pads', type: IS, ints: [pads, pads, pads, pads] },
        { name: 'group', type: I, i: group },
        { name: 'kernel_shape', type: IS, ints: dims.slice(2) },
      ],
    });
  };
  const affine = (x: string, out: string, a: number, b: number) => {
    scalar(`${out}_a`, a);
    scalar(`${out}_b`, b);
    nodes.push({ opType: 'Mul', input: [`${out}_a`, x], output: [`${out}_m`] });
    nodes.push({ opType: 'Add', input: [`${out}_m`, `${out}_b`], output: [out] });
  };
  const hardSwish = (x: string, out: string) => {
    scalar(`${out}_3`, 3);
    scalar(`${out}_6`, 6);
    nodes.push({ opType: 'Add', input: [x, `${out}_3`], output: [`${out}_p`] });
    if (opset === 9) {
      nodes.push({
        opType: 'Clip',
        input: [`${out}_p`],
        output: [`${out}_c`],
        attribute: [
          { name: 'min', type: F, f: 0 },
          { name: 'max', type: F, f: 6 },
        ],
      });
    } else {
      scalar(`${out}_0`, 0);
      constant(`${out}_hi`, [], [6]);
      nodes.push({ opType: 'Clip', input: [`${out}_p`, `${out}_0`, `${out}_hi`], output: [`${out}_c`] });
    }
    nodes.push({ opType: 'Mul', input: [x, `${out}_c`], output: [`${out}_x`] });
    nodes.push({ opType: 'Div', input: [`${out}_x`, `${out}_6`], output: [out] });
  };
  conv('X', 'w1', 'c1', [8, 4, 3, 3], 1);
  affine('c1', 'a1', 1.7, -0.4);
  hardSwish('a1', 'h1');
  affine('h1', 'a2', 0.8, 0.3);
  conv('a2', 'w2', 'c2', [8, 8, 1, 1], 0);
  hardSwish('c2', 'h2');
  affine('h2', 'a3', 1.2, 0.5);
  conv('a3', 'w3', 'Y', [8, 1, 3, 3], 1, 8);
  const io = (name: string, channels: number) => ({
    name,
    type: {
      tensorType: { elemType: FLOAT, shape: { dim: [1, channels, 6, 10].map((dimValue) => ({ dimValue })) } },
    },
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: opset }],
    graph: { name: 'lcnet-block', node: nodes, input: [io('X', 4)], output: [io('Y', 8)] },
  });
  return onnx.ModelProto.encode(model).finish();
}

async function run(model: Uint8Array, input: Float32Array): Promise<Float32Array> {
  const session = await InferenceSession.create(model, {
    graphOptimizationLevel: 'disabled',
    intraOpNumThreads: 1,
  });
  const { Y } = await session.run({ X: new Tensor('float32', input, [1, 4, 6, 10]) });
  await session.release();
  return Y?.data as Float32Array;
}

const opTypes = (model: Uint8Array) =>
  (onnx.ModelProto.decode(model).graph?.node ?? [])
    .map((node) => node.opType)
    .filter((op) => op !== 'Constant');

/** The rewrite on a model's bytes: what it changed, and the model it made. */
function optimized(bytes: Uint8Array) {
  const graph = new OnnxGraph(bytes);
  const rewrites = optimizeLcnet(graph);
  return { model: graph.encode(), rewrites };
}

describe('optimizeLcnet', () => {
  it.each([9, 11] as const)(
    'rewrites an opset-%i PP-LCNet block into an equivalent graph onnxruntime can fuse',
    async (opset) => {
      const original = lcnetBlock(opset);
      const { model, rewrites } = optimized(original);
      expect(rewrites).toEqual({
        convAffineFolded: 1,
        hardSwish: 2,
        affineIntoNextConv: 1,
        affineAsDepthwiseConv: 1,
      });
      expect(opTypes(model)).toEqual([
        'Conv',
        'HardSigmoid',
        'Mul',
        'Conv',
        'HardSigmoid',
        'Mul',
        'Conv',
        'Conv',
      ]);
      const input = Float32Array.from(values(4 * 6 * 10, 7), (v) => 3 * v);
      const [before, after] = [await run(original, input), await run(model, input)];
      expect(after.length).toBe(before.length);
      const scale = Math.max(...before.map(Math.abs));
      const worst = Math.max(...before.map((v, i) => Math.abs(v - (after[i] ?? Number.NaN))));
      expect(scale).toBeGreaterThan(1);
      expect(worst / scale).toBeLessThan(1e-5);
    },
  );

  it('leaves a graph without these patterns with the same nodes', () => {
    const model = onnx.ModelProto.encode(
      onnx.ModelProto.create({
        irVersion: 7,
        opsetImport: [{ domain: '', version: 13 }],
        graph: {
          name: 'plain',
          node: [
            { opType: 'Mul', input: ['X', 'two'], output: ['T'] },
            { opType: 'Add', input: ['T', 'one'], output: ['Y'] },
          ],
          initializer: [
            { name: 'two', dataType: FLOAT, dims: [1], floatData: [2] },
            { name: 'one', dataType: FLOAT, dims: [1], floatData: [1] },
          ],
          input: [{ name: 'X' }],
          output: [{ name: 'Y' }],
        },
      }),
    ).finish();
    const { model: same, rewrites } = optimized(model);
    expect(rewrites).toEqual({
      convAffineFolded: 0,
      hardSwish: 0,
      affineIntoNextConv: 0,
      affineAsDepthwiseConv: 0,
    });
    expect(opTypes(same)).toEqual(['Mul', 'Add']);
  });

  it('cannot read bytes that are not an ONNX model (the skill then hands them to onnxruntime as they are)', () => {
    expect(() => new OnnxGraph(new TextEncoder().encode('not a model at all'))).toThrow();
  });
});
