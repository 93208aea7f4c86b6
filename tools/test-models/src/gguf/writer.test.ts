import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGguf, readTensorValues } from '../../test/read-gguf.js';
import { arrayFill, constantFill, randomFill } from './fill.js';
import { type GgufMetadata, gguf } from './metadata.js';
import { type GgufFile, planGguf, writeGguf } from './writer.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gguf-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const everyType: GgufMetadata = {
  'test.u8': { type: 'u8', value: 255 },
  'test.i8': { type: 'i8', value: -128 },
  'test.u16': { type: 'u16', value: 65535 },
  'test.i16': { type: 'i16', value: -32768 },
  'test.u32': gguf.u32(4294967295),
  'test.i32': gguf.i32(-2147483648),
  'test.f32': gguf.f32(0.5),
  'test.bool': gguf.bool(true),
  'test.string': gguf.string('héllo ▁ <|im_start|>'),
  'test.u64': { type: 'u64', value: 2n ** 63n },
  'test.i64': { type: 'i64', value: -5 },
  'test.f64': { type: 'f64', value: Math.PI },
  'test.strings': gguf.strings(['a', '', 'ü']),
  'test.f32s': gguf.f32s([1.5, -2]),
  'test.nested': { type: 'array', itemType: 'array', value: [gguf.i32s([1, 2]), gguf.i32s([])] },
};

function file(metadata: GgufMetadata = everyType): GgufFile {
  return {
    metadata,
    tensors: [
      { name: 'a', dims: [3], type: 'f32', fill: arrayFill([1, 2, 3]) },
      { name: 'b', dims: [64, 3], type: 'f16', fill: randomFill(3, 0.5) },
      { name: 'c', dims: [32, 4, 2], type: 'q8_0', fill: randomFill(4, 0.02) },
      { name: 'd', dims: [5], type: 'f32', fill: constantFill(1) },
    ],
  };
}

describe('writeGguf', () => {
  it('writes a header and metadata of every type that parse back', async () => {
    const path = join(dir, 'all.gguf');
    const layout = await writeGguf(path, file());
    const read = await readGguf(path);
    expect(read.version).toBe(3);
    expect([...read.metadata.keys()]).toEqual(Object.keys(everyType));
    const values = Object.fromEntries([...read.metadata].map(([k, v]) => [k, v.value]));
    expect(values).toEqual({
      'test.u8': 255,
      'test.i8': -128,
      'test.u16': 65535,
      'test.i16': -32768,
      'test.u32': 4294967295,
      'test.i32': -2147483648,
      'test.f32': 0.5,
      'test.bool': true,
      'test.string': 'héllo ▁ <|im_start|>',
      'test.u64': 2n ** 63n,
      'test.i64': -5n,
      'test.f64': Math.PI,
      'test.strings': ['a', '', 'ü'],
      'test.f32s': [1.5, -2],
      'test.nested': [[1, 2], []],
    });
    expect(read.metadata.get('test.nested')?.typeId).toBe(9);
    expect(read.dataOffset).toBe(layout.dataOffset);
    expect(read.fileBytes).toBe(layout.fileBytes);
    expect((await stat(path)).size).toBe(layout.fileBytes);
  });

  it('places tensors at aligned offsets with their dims and ggml types', async () => {
    const path = join(dir, 'tensors.gguf');
    const layout = await writeGguf(path, file({}));
    const read = await readGguf(path);
    expect(read.tensors).toEqual([
      { name: 'a', dims: [3], ggmlType: 0, offset: 0 },
      { name: 'b', dims: [64, 3], ggmlType: 1, offset: 32 },
      { name: 'c', dims: [32, 4, 2], ggmlType: 8, offset: 416 },
      { name: 'd', dims: [5], ggmlType: 0, offset: 704 },
    ]);
    expect(read.dataOffset % 32).toBe(0);
    expect(layout.parameters).toBe(3 + 192 + 256 + 5);
    expect(layout.fileBytes).toBe(read.dataOffset + 736);
  });

  it('stores tensor values that decode to what the fills produced', async () => {
    const path = join(dir, 'values.gguf');
    await writeGguf(path, file({}));
    const read = await readGguf(path);
    expect([...(await readTensorValues(path, read, 'a'))]).toEqual([1, 2, 3]);
    expect([...(await readTensorValues(path, read, 'd'))]).toEqual([1, 1, 1, 1, 1]);
    const expected = new Float32Array(256);
    randomFill(4, 0.02)(expected, 0);
    const q8 = await readTensorValues(path, read, 'c');
    for (const [i, v] of q8.entries()) expect(Math.abs(v - (expected[i] as number))).toBeLessThan(0.0005);
    const half = new Float32Array(192);
    randomFill(3, 0.5)(half, 0);
    const f16 = await readTensorValues(path, read, 'b');
    for (const [i, v] of f16.entries()) expect(Math.abs(v - (half[i] as number))).toBeLessThan(0.001);
  });

  it('produces the same bytes whatever the chunk size', async () => {
    const small = join(dir, 'small-chunks.gguf');
    const large = join(dir, 'large-chunks.gguf');
    await writeGguf(small, file(), { chunkElements: 32 });
    await writeGguf(large, file(), { chunkElements: 1 << 16 });
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(small)).equals(await readFile(large))).toBe(true);
  });

  it('produces the same bytes with worker threads', async () => {
    const single = join(dir, 'single.gguf');
    const threaded = join(dir, 'threaded.gguf');
    await writeGguf(single, file(), { chunkElements: 64 });
    await writeGguf(threaded, file(), { chunkElements: 64, threads: 2 });
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(threaded)).equals(await readFile(single))).toBe(true);
  });

  it('honours general.alignment', async () => {
    const { layout } = planGguf(file({ 'general.alignment': gguf.u32(64) }));
    expect(layout.alignment).toBe(64);
    expect(layout.dataOffset % 64).toBe(0);
    expect(layout.tensors.map((t) => t.offset)).toEqual([0, 64, 448, 768]);
  });

  it('rejects invalid tensors and values before writing anything', () => {
    const tensor = { name: 'x', dims: [16], type: 'q8_0', fill: constantFill(0) } as const;
    expect(() => planGguf({ metadata: {}, tensors: [tensor] })).toThrow(/multiple of 32/);
    expect(() => planGguf({ metadata: {}, tensors: [{ ...tensor, dims: [32, 0] }] })).toThrow(/positive/);
    expect(() =>
      planGguf({
        metadata: {},
        tensors: [
          { ...tensor, dims: [32] },
          { ...tensor, dims: [32] },
        ],
      }),
    ).toThrow(/duplicate/);
    expect(() =>
      planGguf({ metadata: {}, tensors: [{ ...tensor, dims: [32], name: 'n'.repeat(64) }] }),
    ).toThrow(/longer/);
    expect(() => planGguf({ metadata: { k: gguf.u32(-1) }, tensors: [] })).toThrow(/not a valid u32/);
    expect(() => planGguf({ metadata: { k: { type: 'u8', value: 1.5 } }, tensors: [] })).toThrow(
      /not a valid u8/,
    );
  });

  it('removes the partial file when a fill fails', async () => {
    const path = join(dir, 'broken.gguf');
    const failing = () => {
      throw new Error('boom');
    };
    await expect(
      writeGguf(path, { metadata: {}, tensors: [{ name: 'x', dims: [4], type: 'f32', fill: failing }] }),
    ).rejects.toThrow('boom');
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
  });
});
