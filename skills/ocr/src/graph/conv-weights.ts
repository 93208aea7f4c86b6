import { firstDim, floats, type OnnxGraph, type OnnxNode, type OnnxTensor, setFloats } from './onnx-graph.js';

/** A Conv's weights and bias, as values; `outputs` is the number of output channels. */
export interface ConvWeights {
  name: string;
  tensor: OnnxTensor;
  values: Float32Array;
  bias: Float32Array;
  outputs: number;
}

/**
 * The weights of a Conv whose weight tensor is a constant no other node reads, so that folding
 * something into them changes this convolution only; undefined otherwise. A missing bias is zeros.
 */
export function ownConvWeights(graph: OnnxGraph, conv: OnnxNode): ConvWeights | undefined {
  const [, name, biasName] = conv.input ?? [];
  const weight = name === undefined ? undefined : graph.constant(name);
  if (conv.opType !== 'Conv' || name === undefined || weight === undefined) return undefined;
  if (graph.readers(name).length !== 1) return undefined;
  const outputs = firstDim(weight);
  const bias = biasName === undefined ? undefined : graph.constant(biasName);
  return {
    name,
    tensor: weight,
    values: floats(weight),
    bias: bias ? floats(bias) : new Float32Array(outputs),
    outputs,
  };
}

/** Stores new weights in place and a new bias beside them, and makes the Conv read `input`. */
export function setConvWeights(
  graph: OnnxGraph,
  conv: OnnxNode,
  input: string,
  weights: ConvWeights,
  values: Float32Array,
  bias: Float32Array,
): void {
  setFloats(weights.tensor, values);
  const biasName = graph.addInitializer(`${weights.name}_affine_bias`, [weights.outputs], bias);
  conv.input = [input, weights.name, biasName];
}
