import { type AffineChain, affineChainFrom } from './affine-chain.js';
import { ownConvWeights, setConvWeights } from './conv-weights.js';
import {
  attribute,
  firstDim,
  intAttribute,
  intsAttribute,
  makeNode,
  type OnnxGraph,
  type OnnxNode,
} from './onnx-graph.js';

/**
 * The scalar affine blocks (`Mul` by a, then `Add` b, see {@link affineChainFrom}) that follow an activation rather than a
 * convolution. Each is folded into the next convolution when that one reads nothing else and pads
 * nothing (conv(a·y + b, W) = conv(y, a·W) + b·ΣW, exact only without zero padding); otherwise it
 * becomes a depthwise 1×1 convolution, which onnxruntime runs in its blocked layout with no layout
 * changes around it, unlike a scalar Mul and Add.
 * @returns how many blocks went into the next convolution, and how many became their own
 */
export function affineToConv(graph: OnnxGraph): { folded: number; depthwise: number } {
  const replaced = new Map<OnnxNode, OnnxNode[]>();
  const removed = new Set<OnnxNode>();
  let folded = 0;
  for (const mul of graph.nodes) {
    const block = mul.opType === 'Mul' && !removed.has(mul) ? affineChainFrom(graph, mul) : undefined;
    if (block === undefined) continue;
    for (const node of block.nodes) removed.add(node);
    const next = graph.onlyReader(block.output);
    if (next !== undefined && foldIntoNext(graph, next, block)) {
      graph.reindex();
      folded += 1;
      continue;
    }
    const channels = channelsOf(graph, block.input);
    if (channels === undefined) {
      for (const node of block.nodes) removed.delete(node);
      continue;
    }
    const weight = graph.addInitializer(
      `${block.output}/affine_w`,
      [channels, 1, 1, 1],
      new Float32Array(channels).fill(block.scale),
    );
    const bias = graph.addInitializer(
      `${block.output}/affine_b`,
      [channels],
      new Float32Array(channels).fill(block.shift),
    );
    replaced.set(mul, [
      makeNode(
        'Conv',
        `${block.output}/affine`,
        [block.input, weight, bias],
        [block.output],
        [intAttribute('group', channels), intsAttribute('kernel_shape', [1, 1])],
      ),
    ]);
  }
  graph.nodes = graph.nodes.flatMap((node) => replaced.get(node) ?? (removed.has(node) ? [] : [node]));
  return { folded, depthwise: replaced.size };
}

function foldIntoNext(graph: OnnxGraph, conv: OnnxNode, block: AffineChain): boolean {
  const weights = ownConvWeights(graph, conv);
  const pads = (attribute(conv, 'pads')?.ints ?? []).map(Number);
  const autoPad = new TextDecoder().decode(attribute(conv, 'auto_pad')?.s ?? new Uint8Array());
  if (weights === undefined || conv.input?.[0] !== block.output || pads.some((pad) => pad !== 0))
    return false;
  if (autoPad !== '' && autoPad !== 'NOTSET' && autoPad !== 'VALID') return false;
  const { values, outputs } = weights;
  const perOutput = values.length / outputs;
  const bias = weights.bias.map((b, o) => {
    let sum = 0;
    for (let k = 0; k < perOutput; k += 1) sum += values[o * perOutput + k] ?? 0;
    return b + block.shift * sum;
  });
  setConvWeights(
    graph,
    conv,
    block.input,
    weights,
    values.map((w) => w * block.scale),
    bias,
  );
  return true;
}

/** Channels of a value made by a convolution, possibly through activations and hard-swish. */
function channelsOf(graph: OnnxGraph, value: string, depth = 0): number | undefined {
  const node = graph.producer(value);
  if (node === undefined || depth > 4) return undefined;
  if (node.opType === 'Conv') {
    const weight = graph.constant(node.input?.[1] ?? '');
    return weight === undefined ? undefined : firstDim(weight);
  }
  if (!['Mul', 'Add', 'HardSigmoid', 'Relu', 'Clip', 'Div'].includes(node.opType ?? '')) return undefined;
  for (const input of node.input ?? []) {
    if (graph.scalar(input) !== undefined) continue;
    const channels = channelsOf(graph, input, depth + 1);
    if (channels !== undefined) return channels;
  }
  return undefined;
}
