import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGguf } from '../test/read-gguf.js';
import { writeMmproj } from './mmproj.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mmproj-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeMmproj', () => {
  it('writes the clip.* keys of a LLaVA "mlp" projector', async () => {
    const path = join(dir, 'mmproj.gguf');
    const summary = await writeMmproj(path, { textEmbd: 96 });
    const read = await readGguf(path);
    const value = (key: string) => read.metadata.get(key)?.value;
    expect(value('general.architecture')).toBe('clip');
    expect(value('clip.projector_type')).toBe('mlp');
    expect(value('clip.has_vision_encoder')).toBe(true);
    expect(value('clip.use_gelu')).toBe(true);
    expect(value('clip.vision.projection_dim')).toBe(96);
    expect(value('clip.vision.image_size')).toBe(56);
    expect(value('clip.vision.patch_size')).toBe(14);
    expect(value('clip.vision.embedding_length')).toBe(32);
    expect(value('clip.vision.feed_forward_length')).toBe(64);
    expect(value('clip.vision.attention.head_count')).toBe(2);
    expect(value('clip.vision.block_count')).toBe(2);
    expect(value('clip.vision.image_mean')).toEqual([0.5, 0.5, 0.5]);
    expect(value('clip.vision.image_std')).toEqual([0.5, 0.5, 0.5]);
    expect(summary.imageTokens).toBe(16);
    expect(summary.fileBytes).toBe(read.fileBytes);
  });

  it('writes the ViT, its blocks and the two projector layers with ggml shapes', async () => {
    const path = join(dir, 'mmproj-f16.gguf');
    const summary = await writeMmproj(path, { textEmbd: 64, layers: 1, type: 'f16', imageSize: 28 });
    const read = await readGguf(path);
    const shapes = Object.fromEntries(read.tensors.map((t) => [t.name, [t.dims, t.ggmlType]]));
    expect(shapes['v.patch_embd.weight']).toEqual([[14, 14, 3, 32], 1]);
    expect(shapes['v.position_embd.weight']).toEqual([[32, 5], 0]);
    expect(shapes['v.class_embd']).toEqual([[32], 0]);
    expect(shapes['v.blk.0.attn_out.weight']).toEqual([[32, 32], 1]);
    expect(shapes['v.blk.0.ffn_down.weight']).toEqual([[64, 32], 1]);
    expect(shapes['v.blk.0.ln2.bias']).toEqual([[32], 0]);
    expect(shapes['mm.0.weight']).toEqual([[32, 64], 1]);
    expect(shapes['mm.2.weight']).toEqual([[64, 64], 1]);
    expect(shapes['mm.2.bias']).toEqual([[64], 0]);
    expect(read.tensors).toHaveLength(6 + 16 + 4);
    expect(summary.imageTokens).toBe(4);
  });

  it('rejects an image size that patches do not tile', async () => {
    await expect(writeMmproj(join(dir, 'x.gguf'), { textEmbd: 64, imageSize: 50 })).rejects.toThrow(
      /multiple/,
    );
    await expect(writeMmproj(join(dir, 'x.gguf'), { textEmbd: 0 })).rejects.toThrow(/positive/);
  });
});
