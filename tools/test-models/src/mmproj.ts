import { constantFill, randomFill, tensorSeed } from './gguf/fill.js';
import { type GgufMetadata, gguf } from './gguf/metadata.js';
import { type GgufTensor, writeGguf } from './gguf/writer.js';

/** Options of {@link writeMmproj}; only the text model's embedding width is required. */
export interface MmprojOptions {
  /** `llama.embedding_length` of the text model the projector feeds (its output width). */
  readonly textEmbd: number;
  /** Vision transformer width (default 32). */
  readonly visionEmbd?: number;
  readonly layers?: number;
  readonly heads?: number;
  readonly ff?: number;
  /** Square input size the image is resized to (default 56). */
  readonly imageSize?: number;
  /** Patch size (default 14): the image becomes (imageSize / patchSize)² tokens. */
  readonly patchSize?: number;
  /** Storage of the weight matrices; norms, biases and embeddings stay F32 (default `f32`). */
  readonly type?: 'f32' | 'f16';
  readonly seed?: number;
  readonly std?: number;
}

/** What {@link writeMmproj} wrote. */
export interface MmprojSummary {
  /** Tokens each image takes in the text model's context. */
  readonly imageTokens: number;
  readonly parameters: number;
  readonly fileBytes: number;
}

/**
 * Writes a tiny LLaVA-style CLIP vision projector (`clip.projector_type` "mlp": ViT with a class
 * embedding, pre-norm blocks, then mm.0 → GELU → mm.2) with random weights, loadable by llama.cpp's mtmd.
 */
export async function writeMmproj(path: string, options: MmprojOptions): Promise<MmprojSummary> {
  const o = {
    visionEmbd: 32,
    layers: 2,
    heads: 2,
    ff: 64,
    imageSize: 56,
    patchSize: 14,
    type: 'f32' as const,
    seed: 1,
    std: 0.02,
    ...options,
  };
  for (const key of ['textEmbd', 'visionEmbd', 'layers', 'heads', 'ff', 'imageSize', 'patchSize'] as const) {
    if (!Number.isSafeInteger(o[key]) || o[key] <= 0)
      throw new RangeError(`${key} must be a positive integer`);
  }
  if (o.imageSize % o.patchSize !== 0) throw new RangeError('imageSize must be a multiple of patchSize');
  if (o.visionEmbd % o.heads !== 0) throw new RangeError('visionEmbd must be a multiple of heads');
  const patches = (o.imageSize / o.patchSize) ** 2;

  const metadata: GgufMetadata = {
    'general.architecture': gguf.string('clip'),
    'general.name': gguf.string('mmskills-random-llava-mmproj'),
    'general.file_type': gguf.u32(o.type === 'f16' ? 1 : 0),
    'clip.projector_type': gguf.string('mlp'),
    'clip.has_vision_encoder': gguf.bool(true),
    'clip.use_gelu': gguf.bool(true),
    'clip.vision.image_size': gguf.u32(o.imageSize),
    'clip.vision.patch_size': gguf.u32(o.patchSize),
    'clip.vision.embedding_length': gguf.u32(o.visionEmbd),
    'clip.vision.feed_forward_length': gguf.u32(o.ff),
    'clip.vision.projection_dim': gguf.u32(o.textEmbd),
    'clip.vision.attention.head_count': gguf.u32(o.heads),
    'clip.vision.attention.layer_norm_epsilon': gguf.f32(1e-5),
    'clip.vision.block_count': gguf.u32(o.layers),
    'clip.vision.image_mean': gguf.f32s([0.5, 0.5, 0.5]),
    'clip.vision.image_std': gguf.f32s([0.5, 0.5, 0.5]),
  };

  const f32 = (
    name: string,
    dims: number[],
    fill = randomFill(tensorSeed(o.seed, name), o.std),
  ): GgufTensor => ({
    name,
    dims,
    type: 'f32',
    fill,
  });
  const matrix = (name: string, dims: number[]): GgufTensor => ({ ...f32(name, dims), type: o.type });
  const bias = (name: string, width: number) => f32(name, [width], constantFill(0));
  const norm = (prefix: string, width: number) => [
    f32(`${prefix}.weight`, [width], constantFill(1)),
    bias(`${prefix}.bias`, width),
  ];
  const linear = (prefix: string, input: number, output: number) => [
    matrix(`${prefix}.weight`, [input, output]),
    bias(`${prefix}.bias`, output),
  ];
  const e = o.visionEmbd;
  const blocks = Array.from({ length: o.layers }, (_, i) => [
    ...norm(`v.blk.${i}.ln1`, e),
    ...linear(`v.blk.${i}.attn_q`, e, e),
    ...linear(`v.blk.${i}.attn_k`, e, e),
    ...linear(`v.blk.${i}.attn_v`, e, e),
    ...linear(`v.blk.${i}.attn_out`, e, e),
    ...norm(`v.blk.${i}.ln2`, e),
    ...linear(`v.blk.${i}.ffn_up`, e, o.ff),
    ...linear(`v.blk.${i}.ffn_down`, o.ff, e),
  ]);
  const tensors = [
    // Conv2d kernel in ggml order [kernel w, kernel h, input channels, output channels].
    matrix('v.patch_embd.weight', [o.patchSize, o.patchSize, 3, e]),
    bias('v.patch_embd.bias', e),
    f32('v.class_embd', [e]),
    f32('v.position_embd.weight', [e, patches + 1]),
    ...norm('v.pre_ln', e),
    ...blocks.flat(),
    ...linear('mm.0', e, o.textEmbd),
    ...linear('mm.2', o.textEmbd, o.textEmbd),
  ];
  const layout = await writeGguf(path, { metadata, tensors });
  return { imageTokens: patches, parameters: layout.parameters, fileBytes: layout.fileBytes };
}
