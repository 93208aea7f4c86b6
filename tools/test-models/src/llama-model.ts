import { chatMlTemplate } from './chat-template.js';
import { constantFill, randomFill, tensorSeed } from './gguf/fill.js';
import { type GgufMetadata, gguf } from './gguf/metadata.js';
import type { TensorType } from './gguf/tensor-type.js';
import { type GgufFile, type GgufTensor, planGguf, writeGguf } from './gguf/writer.js';
import { tinyVocab, type Vocab } from './tiny-vocab.js';

/** The sizes that decide a llama model's parameter count. */
export interface LlamaShape {
  readonly embd: number;
  readonly layers: number;
  readonly ff: number;
  readonly heads: number;
  /** Key/value heads (grouped-query attention); defaults to `heads`. */
  readonly kvHeads?: number;
  /** Pads the tiny vocabulary with unused tokens up to this size. */
  readonly vocabSize?: number;
}

/** Options of {@link writeLlamaModel}; every field has a tiny default. */
export interface LlamaModelOptions extends Partial<LlamaShape> {
  /** Training context length written to `llama.context_length` (default 2048). */
  readonly ctx?: number;
  /** Storage of the weight matrices; norms always stay F32 (default `f32`). */
  readonly type?: TensorType;
  readonly seed?: number;
  readonly vocab?: 'tiny';
  /** Jinja chat template (default ChatML). */
  readonly template?: string;
  /** Standard deviation of the random weights (default 0.02). */
  readonly std?: number;
  readonly name?: string;
  /** Worker threads making the weights (default 1); the file is the same for any count. */
  readonly threads?: number;
}

/** What a model of some shape amounts to. */
export interface LlamaModelSummary {
  readonly shape: Required<LlamaShape>;
  readonly type: TensorType;
  readonly parameters: number;
  readonly fileBytes: number;
  readonly tokens: { bos: number; eos: number; imStart: number; imEnd: number };
}

/** Shapes for tests (`tiny`, ~0.5 MB) and for GPU speed runs (`1b` ≈ 0.95B, `7b` ≈ 6.7B parameters). */
export const llamaPresets = {
  tiny: { embd: 64, layers: 2, ff: 128, heads: 4 },
  '1b': { embd: 2048, layers: 16, ff: 5632, heads: 32, vocabSize: 32000 },
  '7b': { embd: 4096, layers: 32, ff: 11008, heads: 32, vocabSize: 32000 },
} as const satisfies Record<string, LlamaShape>;

const fileTypes: Record<TensorType, number> = { f32: 0, f16: 1, q8_0: 7 };

/** Writes a random-weight llama GGUF with the tiny vocabulary and a chat template, streaming its data. */
export async function writeLlamaModel(
  path: string,
  options: LlamaModelOptions = {},
): Promise<LlamaModelSummary> {
  const { file, summary } = buildLlamaModel(options);
  await writeGguf(path, file, { threads: options.threads ?? 1 });
  return summary;
}

/** Parameter count and exact file size of a model, without writing it (benchmarks pick shapes with it). */
export function measureLlamaModel(options: LlamaModelOptions = {}): LlamaModelSummary {
  return buildLlamaModel(options).summary;
}

function buildLlamaModel(options: LlamaModelOptions): { file: GgufFile; summary: LlamaModelSummary } {
  const vocab = tinyVocab(options.vocabSize);
  const tiny = llamaPresets.tiny;
  const heads = options.heads ?? tiny.heads;
  const shape: Required<LlamaShape> = {
    embd: options.embd ?? tiny.embd,
    layers: options.layers ?? tiny.layers,
    ff: options.ff ?? tiny.ff,
    heads,
    kvHeads: options.kvHeads ?? heads,
    vocabSize: vocab.tokens.length,
  };
  const type = options.type ?? 'f32';
  checkShape(shape, type);
  const file = { metadata: metadata(shape, vocab, options), tensors: tensors(shape, type, options) };
  const { layout } = planGguf(file);
  const { bos, eos, imStart, imEnd } = vocab;
  const summary = {
    shape,
    type,
    parameters: layout.parameters,
    fileBytes: layout.fileBytes,
    tokens: { bos, eos, imStart, imEnd },
  };
  return { file, summary };
}

function checkShape(shape: Required<LlamaShape>, type: TensorType): void {
  for (const [key, value] of Object.entries(shape)) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${key} must be a positive integer`);
  }
  const headDim = shape.embd / shape.heads;
  if (!Number.isInteger(headDim) || headDim % 2 !== 0) {
    throw new RangeError(
      `embd (${shape.embd}) / heads (${shape.heads}) must be an even integer (RoPE pairs)`,
    );
  }
  if (shape.heads % shape.kvHeads !== 0) throw new RangeError('heads must be a multiple of kvHeads');
  if (type === 'q8_0' && (shape.embd % 32 !== 0 || shape.ff % 32 !== 0)) {
    throw new RangeError('q8_0 needs embd and ff to be multiples of 32');
  }
}

function metadata(shape: Required<LlamaShape>, vocab: Vocab, o: LlamaModelOptions): GgufMetadata {
  return {
    'general.architecture': gguf.string('llama'),
    'general.name': gguf.string(o.name ?? 'mmskills-random-llama'),
    'general.file_type': gguf.u32(fileTypes[o.type ?? 'f32']),
    'llama.context_length': gguf.u32(o.ctx ?? 2048),
    'llama.embedding_length': gguf.u32(shape.embd),
    'llama.block_count': gguf.u32(shape.layers),
    'llama.feed_forward_length': gguf.u32(shape.ff),
    'llama.attention.head_count': gguf.u32(shape.heads),
    'llama.attention.head_count_kv': gguf.u32(shape.kvHeads),
    'llama.rope.dimension_count': gguf.u32(shape.embd / shape.heads),
    'llama.rope.freq_base': gguf.f32(10000),
    'llama.attention.layer_norm_rms_epsilon': gguf.f32(1e-5),
    'llama.vocab_size': gguf.u32(shape.vocabSize),
    'tokenizer.ggml.model': gguf.string('llama'),
    'tokenizer.ggml.tokens': gguf.strings(vocab.tokens),
    'tokenizer.ggml.scores': gguf.f32s(vocab.scores),
    'tokenizer.ggml.token_type': gguf.i32s(vocab.types),
    'tokenizer.ggml.bos_token_id': gguf.u32(vocab.bos),
    'tokenizer.ggml.eos_token_id': gguf.u32(vocab.eos),
    'tokenizer.ggml.eot_token_id': gguf.u32(vocab.imEnd),
    'tokenizer.ggml.unknown_token_id': gguf.u32(vocab.unk),
    'tokenizer.ggml.add_bos_token': gguf.bool(true),
    'tokenizer.ggml.add_eos_token': gguf.bool(false),
    'tokenizer.ggml.add_space_prefix': gguf.bool(false),
    'tokenizer.chat_template': gguf.string(o.template ?? chatMlTemplate),
  };
}

function tensors(shape: Required<LlamaShape>, type: TensorType, o: LlamaModelOptions): GgufTensor[] {
  const seed = o.seed ?? 1;
  const std = o.std ?? 0.02;
  const kvDim = (shape.embd / shape.heads) * shape.kvHeads;
  const weight = (name: string, dims: number[]): GgufTensor => ({
    name,
    dims,
    type,
    fill: randomFill(tensorSeed(seed, name), std),
  });
  const norm = (name: string): GgufTensor => ({
    name,
    dims: [shape.embd],
    type: 'f32',
    fill: constantFill(1),
  });
  const blocks = Array.from({ length: shape.layers }, (_, i) => [
    norm(`blk.${i}.attn_norm.weight`),
    weight(`blk.${i}.attn_q.weight`, [shape.embd, shape.embd]),
    weight(`blk.${i}.attn_k.weight`, [shape.embd, kvDim]),
    weight(`blk.${i}.attn_v.weight`, [shape.embd, kvDim]),
    weight(`blk.${i}.attn_output.weight`, [shape.embd, shape.embd]),
    norm(`blk.${i}.ffn_norm.weight`),
    weight(`blk.${i}.ffn_gate.weight`, [shape.embd, shape.ff]),
    weight(`blk.${i}.ffn_up.weight`, [shape.embd, shape.ff]),
    weight(`blk.${i}.ffn_down.weight`, [shape.ff, shape.embd]),
  ]);
  return [
    weight('token_embd.weight', [shape.embd, shape.vocabSize]),
    ...blocks.flat(),
    norm('output_norm.weight'),
    weight('output.weight', [shape.embd, shape.vocabSize]),
  ];
}
