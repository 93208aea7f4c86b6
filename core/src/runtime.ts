// What a model thread needs from core (errors, model files, the model cache) without the rest of
// it: a worker that opens onnxruntime sessions imports this instead of the whole package (zod, the
// manifest and protocol modules), which took 130-150 ms of its start.
export { isMmskillsError, MmskillsError, MmskillsErrorCode } from './errors.js';
export { modelCacheDir } from './models/cache-dir.js';
export { type ModelFileRequest, type ResolvedModelFile, resolveModelFile } from './models/resolve.js';
