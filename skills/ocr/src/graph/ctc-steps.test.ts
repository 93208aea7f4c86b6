import onnxProto from 'onnx-proto';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ctcStepsFromProbabilities } from '../pipeline/ctc-decode.js';
import { addCtcSteps, CTC_STEP_OUTPUTS } from './ctc-steps.js';
import { OnnxGraph } from './onnx-graph.js';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** A stand-in recogniser: logits `[N, T, classes]` in, their softmax over the classes out. */
function softmaxModel(opset: number, outputRank?: number): Uint8Array {
  const tensorType = { tensorType: { elemType: FLOAT } };
  const shape =
    outputRank === undefined
      ? {}
      : { shape: { dim: Array.from({ length: outputRank }, () => ({ dimParam: 'd' })) } };
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: 'recogniser',
      node: [
        {
          opType: 'Softmax',
          input: ['logits'],
          output: ['probs'],
          attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 2 }],
        },
      ],
      input: [{ name: 'logits', type: tensorType }],
      output: [{ name: 'probs', type: { tensorType: { elemType: FLOAT, ...shape } } }],
    },
  }).finish();
}

describe('addCtcSteps', () => {
  it.each([9, 18])(
    'returns each step of a batch as a scan of the full output finds it (opset %i)',
    async (opset) => {
      const graph = new OnnxGraph(softmaxModel(opset));
      addCtcSteps(graph);
      const [full, steps] = await Promise.all([
        InferenceSession.create(softmaxModel(opset)),
        InferenceSession.create(graph.encode()),
      ]);
      const [n, t, classes] = [2, 5, 7];
      // Logits with ties (the 3s) and a step whose best class is the last (the space).
      const data = Float32Array.from({ length: n * t * classes }, (_, i) => ((i * 7919) % 13) / 4);
      data[3] = 3;
      data[5] = 3;
      data.set([0, 0, 0, 0, 0, 0, 9], classes * 2);
      const feeds = { logits: new Tensor('float32', data, [n, t, classes]) };
      const probs = (await full.run(feeds)).probs?.data as Float32Array;
      const outputs = await steps.run(feeds);
      expect(steps.outputNames).toEqual(Object.values(CTC_STEP_OUTPUTS));
      expect(Array.from(outputs[CTC_STEP_OUTPUTS.shape]?.data as BigInt64Array, Number)).toEqual([
        n,
        t,
        classes,
      ]);
      for (let b = 0; b < n; b++) {
        const expected = ctcStepsFromProbabilities(probs, b * t * classes, t, classes);
        const row = (name: string) =>
          Array.from(outputs[name]?.data as ArrayLike<number | bigint>).slice(b * t, (b + 1) * t);
        expect(row(CTC_STEP_OUTPUTS.best).map(Number)).toEqual([...expected.best]);
        expect(row(CTC_STEP_OUTPUTS.top)).toEqual([...expected.top]);
        expect(row(CTC_STEP_OUTPUTS.blank)).toEqual([...expected.blank]);
        expect(row(CTC_STEP_OUTPUTS.space)).toEqual([...expected.space]);
        expect(row(CTC_STEP_OUTPUTS.second).map(Number)).toEqual([...expected.second]);
        expect(row(CTC_STEP_OUTPUTS.secondTop)).toEqual([...expected.secondTop]);
      }
      expect(ctcStepsFromProbabilities(probs, 0, t, classes).best[2]).toBe(classes - 1);
      // Step 0 ties classes 3, 5 and 6: the lowest is best, the next the runner-up.
      const tied = ctcStepsFromProbabilities(probs, 0, t, classes);
      expect([tied.best[0], tied.second[0]]).toEqual([3, 5]);
      await Promise.all([full.release(), steps.release()]);
    },
  );

  it('refuses an output that is declared with other than three dimensions', () => {
    expect(() => addCtcSteps(new OnnxGraph(softmaxModel(9, 2)))).toThrow(/2 dimensions, not 3/);
    expect(() => addCtcSteps(new OnnxGraph(softmaxModel(9, 3)))).not.toThrow();
  });
});
