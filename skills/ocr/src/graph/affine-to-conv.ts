import {
  attribute,
  firstDim,
  floats,
  intAttribute,
  intsAttribute,
  makeNode,
  type OnnxGraph,
  type OnnxNode,
  setFloats,
} from './onnx-graph.js';

/**
 * The scalar affine blocks (`Mul` by a, then `Add` b) that follow an activation rather than a
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
    const block = matchAffine(graph, mul);
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

interface AffineBlock {
  input: string;
  output: string;
  scale: number;
  shift: number;
  nodes: OnnxNode[];
}

/** Mul(y, a), optionally followed by Add(·, b) as its only reader. */
function matchAffine(graph: OnnxGraph, mul: OnnxNode): AffineBlock | undefined {
  if (mul.opType !== 'Mul' || mul.input?.length !== 2) return undefined;
  const input = mul.input.find((value) => graph.scalar(value) === undefined);
  const scale = graph.scalar(mul.input.find((value) => value !== input));
  if (input === undefined || scale === undefined) return undefined;
  const product = mul.output?.[0] ?? '';
  const add = graph.onlyReader(product);
  const shift =
    add?.opType === 'Add' ? graph.scalar(add.input?.find((value) => value !== product)) : undefined;
  if (add === undefined || shift === undefined || add.input?.length !== 2) {
    return { input, output: product, scale, shift: 0, nodes: [mul] };
  }
  return { input, output: add.output?.[0] ?? '', scale, shift, nodes: [mul, add] };
}

function foldIntoNext(graph: OnnxGraph, conv: OnnxNode, block: AffineBlock): boolean {
  const [x, weightName, biasName] = conv.input ?? [];
  const weight = weightName === undefined ? undefined : graph.constant(weightName);
  const pads = (attribute(conv, 'pads')?.ints ?? []).map(Number);
  const autoPad = new TextDecoder().decode(attribute(conv, 'auto_pad')?.s ?? new Uint8Array());
  if (conv.opType !== 'Conv' || x !== block.output || weight === undefined) return false;
  if (graph.readers(weightName as string).length !== 1 || pads.some((pad) => pad !== 0)) return false;
  if (autoPad !== '' && autoPad !== 'NOTSET' && autoPad !== 'VALID') return false;
  const values = floats(weight);
  const outputs = firstDim(weight);
  const perOutput = values.length / outputs;
  const oldBias = biasName === undefined ? undefined : graph.constant(biasName);
  const bias = oldBias ? floats(oldBias) : new Float32Array(outputs);
  for (let o = 0; o < outputs; o += 1) {
    let sum = 0;
    for (let k = 0; k < perOutput; k += 1) sum += values[o * perOutput + k] ?? 0;
    bias[o] = (bias[o] ?? 0) + block.shift * sum;
  }
  setFloats(
    weight,
    values.map((w) => w * block.scale),
  );
  const name = graph.addInitializer(`${weightName}_affine_bias`, [outputs], bias);
  conv.input = [block.input, weightName as string, name];
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
