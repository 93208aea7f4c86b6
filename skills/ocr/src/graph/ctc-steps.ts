import { CTC_STEP_OUTPUTS } from './ctc-step-outputs.js';
import { intAttribute, intsAttribute, makeNode, type OnnxGraph } from './onnx-graph.js';

export { CTC_STEP_OUTPUTS };

/**
 * Makes a CTC recogniser (first output `[N, T, classes]` of probabilities) return only what greedy
 * decoding reads at each step, in place of the full output. With PP-OCRv4's 6,625 classes the full
 * output is 26 KB a step, about 40 MB a page, which JavaScript then scanned for each maximum and
 * garbage-collected; onnxruntime's reductions do the scan where the values are. The values are the
 * same ones the full output holds (the first maximum on ties, as a scan keeps), and the runner-up
 * class at each step, which tells a straight quote the model nearly read from a curly one.
 */
export function addCtcSteps(graph: OnnxGraph): void {
  const probs = graph.outputNames[0];
  if (probs === undefined) throw new Error('the recognition model has no output');
  const rank = graph.outputRank(probs);
  if (rank !== undefined && rank !== 3)
    throw new Error(`the recognition model's output has ${rank} dimensions, not 3`);
  const { best, top, blank, space, second, secondTop, shape } = CTC_STEP_OUTPUTS;
  const axis = intAttribute('axis', 2);
  const lastClass = `${probs}_last_class`;
  const runnerUp = graph.addIndex(`${second}_rank`, 1);
  graph.nodes = [
    ...graph.nodes,
    makeNode('ArgMax', `${best}/node`, [probs], [best], [axis, intAttribute('keepdims', 0)]),
    // ReduceMax takes its axes as an input from opset 18 on, as an attribute before.
    graph.opset >= 18
      ? makeNode(
          'ReduceMax',
          `${top}/node`,
          [probs, graph.addIndex(`${top}_axes`, 2, [1])],
          [top],
          [intAttribute('keepdims', 0)],
        )
      : makeNode(
          'ReduceMax',
          `${top}/node`,
          [probs],
          [top],
          [intsAttribute('axes', [2]), intAttribute('keepdims', 0)],
        ),
    makeNode('Gather', `${blank}/node`, [probs, graph.addIndex(`${blank}_index`, 0)], [blank], [axis]),
    makeNode('Shape', `${shape}/node`, [probs], [shape]),
    makeNode(
      'Gather',
      `${lastClass}/classes`,
      [shape, graph.addIndex(`${lastClass}_axis`, 2)],
      [`${lastClass}_count`],
    ),
    makeNode(
      'Sub',
      `${lastClass}/node`,
      [`${lastClass}_count`, graph.addIndex(`${lastClass}_one`, 1)],
      [lastClass],
    ),
    makeNode('Gather', `${space}/node`, [probs, lastClass], [space], [axis]),
    // TopK takes k as an input from opset 10 on, as an attribute before; ties go to the lower class.
    graph.opset >= 10
      ? makeNode(
          'TopK',
          `${second}/top2`,
          [probs, graph.addIndex(`${second}_k`, 2, [1])],
          [`${second}_values`, `${second}_classes`],
          [axis],
        )
      : makeNode(
          'TopK',
          `${second}/top2`,
          [probs],
          [`${second}_values`, `${second}_classes`],
          [axis, intAttribute('k', 2)],
        ),
    makeNode('Gather', `${secondTop}/node`, [`${second}_values`, runnerUp], [secondTop], [axis]),
    makeNode('Gather', `${second}/node`, [`${second}_classes`, runnerUp], [second], [axis]),
  ];
  graph.setOutputs([
    { name: best, type: 'int64' },
    { name: top, type: 'float' },
    { name: blank, type: 'float' },
    { name: space, type: 'float' },
    { name: second, type: 'int64' },
    { name: secondTop, type: 'float' },
    { name: shape, type: 'int64' },
  ]);
}
