import { firstDim, floats, type OnnxGraph, type OnnxNode, setFloats } from './onnx-graph.js';

/**
 * Folds scalar `Mul` / `Add` nodes that directly follow a `Conv` into its weights and bias:
 * s · conv(x, W, b) + t = conv(x, s·W, s·b + t). PP-LCNetV3 (the PP-OCRv4 backbones) ends each
 * convolution with such a "learnable affine block"; left as nodes, every one costs onnxruntime
 * two passes over the feature map and a layout change out of and back into its blocked format.
 * @returns how many convolutions absorbed at least one node
 */
export function foldConvAffine(graph: OnnxGraph): number {
  const removed = new Set<OnnxNode>();
  let folded = 0;
  for (const conv of graph.nodes) {
    if (conv.opType !== 'Conv') continue;
    const [x, weightName, biasName] = conv.input ?? [];
    const weight = weightName === undefined ? undefined : graph.constant(weightName);
    if (x === undefined || weight === undefined || graph.readers(weightName as string).length !== 1) continue;
    const chain = affineChain(graph, conv.output?.[0] ?? '');
    if (chain.nodes.length === 0) continue;
    const channels = firstDim(weight);
    setFloats(
      weight,
      floats(weight).map((w) => w * chain.scale),
    );
    const oldBias = biasName === undefined ? undefined : graph.constant(biasName);
    const bias = oldBias ? floats(oldBias) : new Float32Array(channels);
    const name = graph.addInitializer(
      `${weightName}_affine_bias`,
      [channels],
      bias.map((b) => b * chain.scale + chain.shift),
    );
    conv.input = [x, weightName as string, name];
    conv.output = [chain.output];
    for (const node of chain.nodes) removed.add(node);
    folded += 1;
  }
  if (removed.size > 0) graph.nodes = graph.nodes.filter((node) => !removed.has(node));
  return folded;
}

interface AffineChain {
  nodes: OnnxNode[];
  scale: number;
  shift: number;
  output: string;
}

/** The run of scalar Mul/Add nodes reading `value` one after another, each the only reader. */
function affineChain(graph: OnnxGraph, value: string): AffineChain {
  const chain: AffineChain = { nodes: [], scale: 1, shift: 0, output: value };
  for (;;) {
    const next = graph.onlyReader(chain.output);
    if (next?.opType !== 'Mul' && next?.opType !== 'Add') return chain;
    const other = next.input?.find((input) => input !== chain.output);
    const constant = graph.scalar(other);
    if (constant === undefined || next.input?.length !== 2) return chain;
    if (next.opType === 'Mul') {
      chain.scale *= constant;
      chain.shift *= constant;
    } else {
      chain.shift += constant;
    }
    chain.nodes.push(next);
    chain.output = next.output?.[0] ?? '';
  }
}
