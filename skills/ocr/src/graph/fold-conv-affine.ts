import { affineChainFrom } from './affine-chain.js';
import { ownConvWeights, setConvWeights } from './conv-weights.js';
import type { OnnxGraph, OnnxNode } from './onnx-graph.js';

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
    const x = conv.input?.[0];
    const weights = ownConvWeights(graph, conv);
    const chain = affineChainFrom(graph, graph.onlyReader(conv.output?.[0] ?? ''));
    if (x === undefined || weights === undefined || chain === undefined) continue;
    const { scale, shift } = chain;
    setConvWeights(
      graph,
      conv,
      x,
      weights,
      weights.values.map((w) => w * scale),
      weights.bias.map((b) => b * scale + shift),
    );
    conv.output = [chain.output];
    for (const node of chain.nodes) removed.add(node);
    folded += 1;
  }
  if (removed.size > 0) graph.nodes = graph.nodes.filter((node) => !removed.has(node));
  return folded;
}
