export { chatMlTemplate } from './chat-template.js';
export {
  arrayFill,
  constantFill,
  type FillSpec,
  fillFromSpec,
  randomFill,
  type TensorFill,
  tensorSeed,
} from './gguf/fill.js';
export {
  type GgufArray,
  type GgufMetadata,
  type GgufScalar,
  type GgufScalarType,
  type GgufValue,
  gguf,
} from './gguf/metadata.js';
export { decodeValues, encodeValues, type TensorType, tensorBytes } from './gguf/tensor-type.js';
export {
  type GgufFile,
  type GgufLayout,
  type GgufTensor,
  planGguf,
  type WriteGgufOptions,
  writeGguf,
} from './gguf/writer.js';
export {
  type LlamaModelOptions,
  type LlamaModelSummary,
  type LlamaShape,
  llamaPresets,
  measureLlamaModel,
  writeLlamaModel,
} from './llama-model.js';
export { type MmprojOptions, type MmprojSummary, writeMmproj } from './mmproj.js';
export { encodePng, type RawImage } from './png/encode-png.js';
export { testPicture } from './png/test-picture.js';
export { tinyVocab, tokenTypes, type Vocab } from './tiny-vocab.js';
