import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGguf, readTensorValues } from '../test/read-gguf.js';
import { chatMlTemplate } from './chat-template.js';
import { llamaPresets, measureLlamaModel, writeLlamaModel } from './llama-model.js';
import { tinyVocab } from './tiny-vocab.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'llama-model-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectedParameters(embd: number, layers: number, ff: number, kvDim: number, vocab: number): number {
  const perLayer = 2 * embd + 2 * embd * embd + 2 * embd * kvDim + 3 * embd * ff;
  return 2 * embd * vocab + embd + layers * perLayer;
}

describe('writeLlamaModel', () => {
  it('writes the llama and tokenizer metadata llama.cpp reads', async () => {
    const path = join(dir, 'tiny.gguf');
    const summary = await writeLlamaModel(path, { type: 'f16', kvHeads: 2, ctx: 512 });
    const read = await readGguf(path);
    const value = (key: string) => read.metadata.get(key)?.value;
    const vocab = tinyVocab();
    expect(value('general.architecture')).toBe('llama');
    expect(value('general.file_type')).toBe(1);
    expect(value('llama.context_length')).toBe(512);
    expect(value('llama.embedding_length')).toBe(64);
    expect(value('llama.block_count')).toBe(2);
    expect(value('llama.feed_forward_length')).toBe(128);
    expect(value('llama.attention.head_count')).toBe(4);
    expect(value('llama.attention.head_count_kv')).toBe(2);
    expect(value('llama.rope.dimension_count')).toBe(16);
    expect(value('tokenizer.ggml.model')).toBe('llama');
    expect(value('tokenizer.ggml.tokens')).toEqual(vocab.tokens);
    expect(value('tokenizer.ggml.token_type')).toEqual(vocab.types);
    expect(read.metadata.get('tokenizer.ggml.token_type')?.typeId).toBe(9);
    expect(value('tokenizer.ggml.bos_token_id')).toBe(vocab.bos);
    expect(value('tokenizer.ggml.eos_token_id')).toBe(vocab.imEnd);
    expect(value('tokenizer.ggml.add_bos_token')).toBe(true);
    expect(value('tokenizer.chat_template')).toBe(chatMlTemplate);
    expect(summary.tokens).toEqual({ bos: 1, eos: 4, imStart: 3, imEnd: 4 });
    expect(summary.fileBytes).toBe(read.fileBytes);
  });

  it('writes every llama tensor with ggml shapes, F32 norms and the chosen type elsewhere', async () => {
    const path = join(dir, 'q8.gguf');
    const summary = await writeLlamaModel(path, { type: 'q8_0', embd: 64, heads: 4, kvHeads: 1, layers: 1 });
    const read = await readGguf(path);
    const n = summary.shape.vocabSize;
    expect(read.tensors.map((t) => [t.name, t.dims, t.ggmlType])).toEqual([
      ['token_embd.weight', [64, n], 8],
      ['blk.0.attn_norm.weight', [64], 0],
      ['blk.0.attn_q.weight', [64, 64], 8],
      ['blk.0.attn_k.weight', [64, 16], 8],
      ['blk.0.attn_v.weight', [64, 16], 8],
      ['blk.0.attn_output.weight', [64, 64], 8],
      ['blk.0.ffn_norm.weight', [64], 0],
      ['blk.0.ffn_gate.weight', [64, 128], 8],
      ['blk.0.ffn_up.weight', [64, 128], 8],
      ['blk.0.ffn_down.weight', [128, 64], 8],
      ['output_norm.weight', [64], 0],
      ['output.weight', [64, n], 8],
    ]);
    expect(summary.parameters).toBe(expectedParameters(64, 1, 128, 16, n));
    expect([...(await readTensorValues(path, read, 'output_norm.weight'))]).toEqual(new Array(64).fill(1));
    const weights = await readTensorValues(path, read, 'blk.0.ffn_up.weight');
    const std = Math.sqrt(weights.reduce((a, b) => a + b * b, 0) / weights.length);
    expect(std).toBeGreaterThan(0.018);
    expect(std).toBeLessThan(0.022);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((name) => join(dir, `${name}.gguf`)) as [string, string, string];
    await writeLlamaModel(a, { seed: 5 });
    await writeLlamaModel(b, { seed: 5 });
    await writeLlamaModel(c, { seed: 6 });
    const [bytesA, bytesB, bytesC] = await Promise.all([a, b, c].map((p) => readFile(p)));
    expect(bytesA?.equals(bytesB as Buffer)).toBe(true);
    expect(bytesA?.equals(bytesC as Buffer)).toBe(false);
  });

  it('rejects shapes llama.cpp cannot run', async () => {
    await expect(writeLlamaModel(join(dir, 'x.gguf'), { embd: 60, heads: 8 })).rejects.toThrow(
      /even integer/,
    );
    await expect(writeLlamaModel(join(dir, 'x.gguf'), { heads: 4, kvHeads: 3 })).rejects.toThrow(/kvHeads/);
    await expect(writeLlamaModel(join(dir, 'x.gguf'), { type: 'q8_0', ff: 100 })).rejects.toThrow(
      /multiples of 32/,
    );
    await expect(writeLlamaModel(join(dir, 'x.gguf'), { layers: 0 })).rejects.toThrow(/positive/);
  });
});

describe('measureLlamaModel', () => {
  it('sizes the benchmark presets like the llama shapes they copy', () => {
    const oneB = measureLlamaModel({ ...llamaPresets['1b'], type: 'f16' });
    expect(oneB.parameters).toBe(expectedParameters(2048, 16, 5632, 2048, 32000));
    expect(oneB.parameters / 1e9).toBeCloseTo(0.953, 2);
    expect(oneB.fileBytes).toBeGreaterThan(oneB.parameters * 2);
    expect(oneB.fileBytes).toBeLessThan(oneB.parameters * 2 + 2e6);
    const sevenB = measureLlamaModel({ ...llamaPresets['7b'], type: 'q8_0' });
    expect(sevenB.parameters / 1e9).toBeCloseTo(6.74, 2);
    // Q8_0 stores 34 bytes per 32 weights; norms stay F32.
    expect(sevenB.fileBytes / sevenB.parameters).toBeCloseTo(34 / 32, 2);
  });

  it('matches the file that writeLlamaModel then writes', async () => {
    const path = join(dir, 'padded.gguf');
    const options = { vocabSize: 1000, type: 'f16' as const };
    const written = await writeLlamaModel(path, options);
    expect(measureLlamaModel(options)).toEqual(written);
    expect((await readGguf(path)).fileBytes).toBe(written.fileBytes);
    expect(written.shape.vocabSize).toBe(1000);
  });
});
