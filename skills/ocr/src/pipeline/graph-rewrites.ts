import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OnnxRewrite } from '@mmskills/models';

/**
 * The version of our graph rewrites: a hash of the code in `graph/` (the built or the source files,
 * whichever runs), so a change to any pass makes the model cache's rewritten bytes stale by itself.
 */
function graphCodeVersion(): string {
  const dir = fileURLToPath(new URL('../graph/', import.meta.url));
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(`${dir}${file}`));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Parses the model, applies our passes and encodes it again. A file they cannot parse or rewrite
 * goes to onnxruntime unchanged, so the user sees onnxruntime's own reason for refusing it (and the
 * recogniser's full output is decoded as it is). The graph code (and protobuf with it) is imported
 * only here: a start that finds the rewritten bytes in the model cache never needs it.
 */
async function rewriteGraph(model: Uint8Array, ctcSteps: boolean): Promise<Uint8Array> {
  const [{ OnnxGraph }, { optimizeLcnet }, { addCtcSteps }] = await Promise.all([
    import('../graph/onnx-graph.js'),
    import('../graph/optimize.js'),
    import('../graph/ctc-steps.js'),
  ]);
  try {
    const graph = new OnnxGraph(model);
    optimizeLcnet(graph);
    if (ctcSteps) addCtcSteps(graph);
    return graph.encode();
  } catch {
    return model;
  }
}

/** Our rewrites of the PaddleOCR exports, kept in the model cache between starts. */
export interface OcrRewrites {
  /** The exports made fusable (about a quarter less CPU per page). */
  lcnet: OnnxRewrite;
  /** The recogniser also returns only the per-step values greedy CTC decoding reads. */
  recogniser: OnnxRewrite;
}

export function ocrRewrites(): OcrRewrites {
  const version = graphCodeVersion();
  return {
    lcnet: { name: 'lcnet-fusable', version, apply: (model) => rewriteGraph(model, false) },
    recogniser: { name: 'lcnet-fusable+ctc-steps', version, apply: (model) => rewriteGraph(model, true) },
  };
}
