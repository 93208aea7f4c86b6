import { affineToConv } from './affine-to-conv.js';
import { foldConvAffine } from './fold-conv-affine.js';
import { rewriteHardSwish } from './hard-swish.js';
import type { OnnxGraph } from './onnx-graph.js';

/** What {@link optimizeLcnet} changed, by rewrite. */
export interface GraphRewrites {
  convAffineFolded: number;
  hardSwish: number;
  affineIntoNextConv: number;
  affineAsDepthwiseConv: number;
}

/**
 * Rewrites a PaddleOCR (PP-LCNet) ONNX export into an equivalent graph that onnxruntime's CPU
 * optimiser can fuse: affine blocks into convolutions, hard-swish into a form its convolutions
 * absorb. The outputs stay the same up to float rounding; a graph without these patterns comes back
 * with the same nodes. Order matters: affine blocks right after a Conv go first, so that the
 * hard-swish that follows reads the convolution directly and fuses with it.
 */
export function optimizeLcnet(graph: OnnxGraph): GraphRewrites {
  const convAffineFolded = foldConvAffine(graph);
  const hardSwish = rewriteHardSwish(graph);
  const { folded, depthwise } = affineToConv(graph);
  return { convAffineFolded, hardSwish, affineIntoNextConv: folded, affineAsDepthwiseConv: depthwise };
}
