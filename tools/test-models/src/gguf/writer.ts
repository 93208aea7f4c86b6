import { open, rm } from 'node:fs/promises';
import { ByteWriter } from './byte-writer.js';
import { EncodePool } from './encode-pool.js';
import type { TensorFill } from './fill.js';
import { type GgufMetadata, writeKeyValue } from './metadata.js';
import { encodeValues, type TensorType, tensorBytes, tensorTypes } from './tensor-type.js';

/** One tensor to write; its values come from `fill`, chunk by chunk. */
export interface GgufTensor {
  readonly name: string;
  /** Sizes in ggml order: `dims[0]` is the contiguous row length (`ne[0]`). */
  readonly dims: readonly number[];
  readonly type: TensorType;
  readonly fill: TensorFill;
}

/** The content of a GGUF file. `general.alignment` (u32) in `metadata` sets the alignment, else 32. */
export interface GgufFile {
  readonly metadata: GgufMetadata;
  readonly tensors: readonly GgufTensor[];
}

/** Where everything lands in the file. */
export interface GgufLayout {
  readonly alignment: number;
  /** Byte offset of the tensor data section. */
  readonly dataOffset: number;
  /** Per tensor: offset relative to `dataOffset`, stored bytes and element count. */
  readonly tensors: readonly { name: string; offset: number; bytes: number; elements: number }[];
  readonly fileBytes: number;
  /** Total elements of all tensors. */
  readonly parameters: number;
}

export interface WriteGgufOptions {
  /** Values generated and written per step (rounded to a multiple of 32); bounds memory use. */
  readonly chunkElements?: number;
  /**
   * Worker threads that make the chunks of tensors whose fill has a `spec` (default 1: all on the
   * calling thread). The bytes written are the same for any count.
   */
  readonly threads?: number;
}

const ggufVersion = 3;
const maxNameBytes = 63;

/** Serialises the header (metadata, tensor infos, padding) and computes the layout, without any data. */
export function planGguf(file: GgufFile): { header: Buffer; layout: GgufLayout } {
  const alignment = alignmentOf(file.metadata);
  const out = new ByteWriter();
  out.bytes(Buffer.from('GGUF', 'ascii'));
  out.u32(ggufVersion);
  out.u64(file.tensors.length);
  out.u64(Object.keys(file.metadata).length);
  for (const [key, value] of Object.entries(file.metadata)) writeKeyValue(out, key, value);

  const names = new Set<string>();
  const placed: { name: string; offset: number; bytes: number; elements: number }[] = [];
  let offset = 0;
  let parameters = 0;
  for (const tensor of file.tensors) {
    const elements = checkTensor(tensor, names);
    const bytes = tensorBytes(tensor.type, elements);
    out.string(tensor.name);
    out.u32(tensor.dims.length);
    for (const dim of tensor.dims) out.u64(dim);
    out.u32(tensorTypes[tensor.type].ggmlType);
    out.u64(offset);
    placed.push({ name: tensor.name, offset, bytes, elements });
    offset = alignUp(offset + bytes, alignment);
    parameters += elements;
  }
  const dataOffset = alignUp(out.length, alignment);
  out.zeros(dataOffset - out.length);
  const layout = { alignment, dataOffset, tensors: placed, fileBytes: dataOffset + offset, parameters };
  return { header: out.toBuffer(), layout };
}

/**
 * Writes a GGUF v3 file, streaming the tensor data in chunks so that multi-GB models never sit in
 * memory. The partly written file is removed if anything fails.
 */
export async function writeGguf(
  path: string,
  file: GgufFile,
  options: WriteGgufOptions = {},
): Promise<GgufLayout> {
  const { header, layout } = planGguf(file);
  const chunk = Math.max(32, Math.floor((options.chunkElements ?? 1 << 20) / 32) * 32);
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError('threads must be a positive integer');
  const handle = await open(path, 'w');
  const pool = threads > 1 ? new EncodePool(threads) : undefined;
  try {
    await handle.write(header);
    // Chunks are made ahead (by the pool) while earlier ones are written, and written in order.
    const ahead = pool ? pool.size * 2 : 0;
    const queue: Promise<Uint8Array>[] = [];
    let writing: Promise<unknown> = Promise.resolve();
    const flush = async (keep: number) => {
      while (queue.length > keep) {
        const bytes = await (queue.shift() as Promise<Uint8Array>);
        await writing;
        writing = handle.write(bytes);
        // Awaited before the next write; marked handled so a failure cannot surface as unhandled first.
        writing.catch(() => {});
      }
    };
    for (const [index, tensor] of file.tensors.entries()) {
      const { elements, bytes } = layout.tensors[index] as GgufLayout['tensors'][number];
      for (let start = 0; start < elements; start += chunk) {
        const made = makeChunk(tensor, start, Math.min(chunk, elements - start), pool);
        made.catch(() => {});
        queue.push(made);
        await flush(ahead);
      }
      const padding = alignUp(bytes, layout.alignment) - bytes;
      if (padding > 0) queue.push(Promise.resolve(new Uint8Array(padding)));
    }
    await flush(0);
    await writing;
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(path, { force: true });
    throw error;
  } finally {
    await pool?.close();
  }
  return layout;
}

function makeChunk(tensor: GgufTensor, start: number, count: number, pool?: EncodePool): Promise<Uint8Array> {
  const spec = tensor.fill.spec;
  if (pool && spec) return pool.encode(tensor.type, spec, start, count);
  const values = new Float32Array(count);
  tensor.fill(values, start);
  const bytes = new Uint8Array(tensorBytes(tensor.type, count));
  encodeValues(tensor.type, values, bytes);
  return Promise.resolve(bytes);
}

function alignmentOf(metadata: GgufMetadata): number {
  const entry = metadata['general.alignment'];
  if (entry === undefined) return 32;
  if (entry.type !== 'u32' || entry.value <= 0 || entry.value % 8 !== 0) {
    throw new RangeError('general.alignment must be a u32 multiple of 8');
  }
  return entry.value;
}

function checkTensor(tensor: GgufTensor, names: Set<string>): number {
  if (names.has(tensor.name)) throw new RangeError(`duplicate tensor name ${tensor.name}`);
  names.add(tensor.name);
  if (Buffer.byteLength(tensor.name) > maxNameBytes) {
    throw new RangeError(`tensor name ${tensor.name} is longer than ${maxNameBytes} bytes`);
  }
  if (tensor.dims.length < 1 || tensor.dims.length > 4) {
    throw new RangeError(`${tensor.name}: a tensor has 1 to 4 dimensions, got ${tensor.dims.length}`);
  }
  if (!tensor.dims.every((dim) => Number.isSafeInteger(dim) && dim > 0)) {
    throw new RangeError(
      `${tensor.name}: dimensions must be positive integers, got [${tensor.dims.join(', ')}]`,
    );
  }
  const block = tensorTypes[tensor.type].blockSize;
  if ((tensor.dims[0] as number) % block !== 0) {
    throw new RangeError(
      `${tensor.name}: ${tensor.type} rows must be a multiple of ${block}, got ${tensor.dims[0]}`,
    );
  }
  return tensor.dims.reduce((product, dim) => product * dim, 1);
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
