import { attribute, floatAttribute, makeNode, type OnnxGraph, type OnnxNode } from './onnx-graph.js';

/**
 * Rewrites hard-swish written out as x · clip(x + 3, 0, 6) / 6 (four nodes, as Paddle exports it)
 * into x · HardSigmoid(x; α = 1/6, β = ½), the same function. onnxruntime fuses that pair into the
 * convolution before it (its blocked-layout Conv has a HardSwish activation), so the four passes
 * over the feature map disappear; the written-out form was a third of the recogniser's time.
 * @returns how many hard-swishes were rewritten
 */
export function rewriteHardSwish(graph: OnnxGraph): number {
  const replaced = new Map<OnnxNode, OnnxNode[]>();
  const removed = new Set<OnnxNode>();
  for (const add of graph.nodes) {
    const match = matchHardSwish(graph, add);
    if (match === undefined) continue;
    const gate = `${add.output?.[0]}_hard_sigmoid`;
    replaced.set(add, [
      makeNode(
        'HardSigmoid',
        `${gate}/node`,
        [match.x],
        [gate],
        [floatAttribute('alpha', 1 / 6), floatAttribute('beta', 0.5)],
      ),
      makeNode('Mul', `${match.output}/hard_swish`, [match.x, gate], [match.output]),
    ]);
    for (const node of match.rest) removed.add(node);
  }
  if (replaced.size > 0) {
    graph.nodes = graph.nodes.flatMap((node) => replaced.get(node) ?? (removed.has(node) ? [] : [node]));
  }
  return replaced.size;
}

interface HardSwishMatch {
  x: string;
  output: string;
  rest: OnnxNode[];
}

/** Add(x, 3) → Clip(0, 6) → Mul(x, ·) → Div(·, 6), each intermediate read by the next node only. */
function matchHardSwish(graph: OnnxGraph, add: OnnxNode): HardSwishMatch | undefined {
  if (add.opType !== 'Add' || add.input?.length !== 2) return undefined;
  const x = add.input.find((input) => graph.scalar(input) === undefined);
  const three = add.input.find((input) => input !== x);
  if (x === undefined || graph.scalar(three) !== 3) return undefined;
  const clip = graph.onlyReader(add.output?.[0] ?? '');
  if (clip?.opType !== 'Clip' || !clipsTo(graph, clip, 0, 6)) return undefined;
  const mul = graph.onlyReader(clip.output?.[0] ?? '');
  if (mul?.opType !== 'Mul' || mul.input?.length !== 2 || !mul.input.includes(x)) return undefined;
  const div = graph.onlyReader(mul.output?.[0] ?? '');
  if (div?.opType !== 'Div' || div.input?.[0] !== mul.output?.[0] || graph.scalar(div.input?.[1]) !== 6) {
    return undefined;
  }
  return { x, output: div.output?.[0] ?? '', rest: [clip, mul, div] };
}

/** Clip's bounds are attributes up to opset 10 and inputs from opset 11 on. */
function clipsTo(graph: OnnxGraph, clip: OnnxNode, low: number, high: number): boolean {
  const min = attribute(clip, 'min')?.f ?? graph.scalar(clip.input?.[1]);
  const max = attribute(clip, 'max')?.f ?? graph.scalar(clip.input?.[2]);
  return min === low && max === high;
}
