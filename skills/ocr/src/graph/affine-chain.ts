import type { OnnxGraph, OnnxNode } from './onnx-graph.js';

/** A run of scalar `Mul` / `Add` nodes: output = scale · input + shift. */
export interface AffineChain {
  input: string;
  output: string;
  scale: number;
  shift: number;
  nodes: OnnxNode[];
}

/**
 * The scalar affine run starting at `first` (a Mul or Add by a one-element constant), followed as
 * long as the next node is another one and the only reader of the value before it; undefined when
 * `first` is not such a node.
 */
export function affineChainFrom(graph: OnnxGraph, first: OnnxNode | undefined): AffineChain | undefined {
  const input = first?.input?.find((value) => graph.scalar(value) === undefined);
  if (first === undefined || input === undefined) return undefined;
  const chain: AffineChain = { input, output: input, scale: 1, shift: 0, nodes: [] };
  for (let node: OnnxNode | undefined = first; node !== undefined; node = graph.onlyReader(chain.output)) {
    if ((node.opType !== 'Mul' && node.opType !== 'Add') || node.input?.length !== 2) break;
    const constant = graph.scalar(node.input.find((value) => value !== chain.output));
    if (constant === undefined || !node.input.includes(chain.output)) break;
    if (node.opType === 'Mul') {
      chain.scale *= constant;
      chain.shift *= constant;
    } else {
      chain.shift += constant;
    }
    chain.nodes.push(node);
    chain.output = node.output?.[0] ?? '';
  }
  return chain.nodes.length > 0 ? chain : undefined;
}
