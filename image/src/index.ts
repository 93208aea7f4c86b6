export type { DecodedImage, LoadImageOptions, SourceImageInfo } from './decode.js';
export { decodeImage, loadImage } from './decode.js';
export {
  type AnnotatedImage,
  type Annotations,
  type BoxAnnotation,
  drawAnnotations,
  type KeypointAnnotation,
  type MaskAnnotation,
} from './draw.js';
export type { EncodedImage, ImageFormat, RawImage } from './encode.js';
export { encodeImage, toDataUri } from './encode.js';
export { processorSide, scaledDown, shrunkForModel } from './shrink-for-model.js';
export type { ImageTensor, Letterbox, TensorOptions } from './tensor.js';
export { toTensor } from './tensor.js';
