export {
  loadOnnxSession,
  type OnnxSessionOptions,
  onnxRewriteCache,
  releaseOnnxSession,
  releaseOnnxSessions,
} from './onnx-session.js';
export type { OnnxRewrite, RewriteCacheOutcome } from './rewrite-cache.js';
export {
  disposeTfjsGraphModels,
  getTf,
  loadTfjsGraphModel,
  releaseTfjs,
  type Tf,
} from './tfjs-graph.js';
export { startWorker } from './worker-thread.js';
