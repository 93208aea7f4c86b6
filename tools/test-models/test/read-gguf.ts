import { open } from 'node:fs/promises';
import { decodeValues, type TensorType } from '../src/gguf/tensor-type.js';

/** A metadata value as read back: numbers, bigints (64-bit ints), booleans, strings, arrays of them. */
export type ReadValue = number | bigint | boolean | string | ReadValue[];

export interface ReadTensor {
  name: string;
  dims: number[];
  ggmlType: number;
  offset: number;
}

export interface ReadGguf {
  version: number;
  metadata: Map<string, { typeId: number; value: ReadValue }>;
  tensors: ReadTensor[];
  dataOffset: number;
  fileBytes: number;
}

const typeNames: Record<number, TensorType> = { 0: 'f32', 1: 'f16', 8: 'q8_0' };
const blockBytes: Record<number, [number, number]> = { 0: [1, 4], 1: [1, 2], 8: [32, 34] };

/** A small independent GGUF v3 parser for the tests (header, metadata and tensor infos). */
export async function readGguf(path: string): Promise<ReadGguf> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const headerBytes = Math.min(size, 64 << 20);
    const buffer = Buffer.alloc(headerBytes);
    await handle.read(buffer, 0, headerBytes, 0);
    const r = new Cursor(buffer);
    if (buffer.toString('ascii', 0, 4) !== 'GGUF') throw new Error('not a GGUF file');
    r.at = 4;
    const version = r.u32();
    const tensorCount = Number(r.u64());
    const kvCount = Number(r.u64());
    const metadata = new Map<string, { typeId: number; value: ReadValue }>();
    for (let i = 0; i < kvCount; i++) {
      const key = r.string();
      const typeId = r.u32();
      metadata.set(key, { typeId, value: r.value(typeId) });
    }
    const tensors: ReadTensor[] = [];
    for (let i = 0; i < tensorCount; i++) {
      const name = r.string();
      const nDims = r.u32();
      const dims = Array.from({ length: nDims }, () => Number(r.u64()));
      tensors.push({ name, dims, ggmlType: r.u32(), offset: Number(r.u64()) });
    }
    const alignEntry = metadata.get('general.alignment');
    const alignment = typeof alignEntry?.value === 'number' ? alignEntry.value : 32;
    const dataOffset = Math.ceil(r.at / alignment) * alignment;
    return { version, metadata, tensors, dataOffset, fileBytes: size };
  } finally {
    await handle.close();
  }
}

/** Decoded float values of one tensor. */
export async function readTensorValues(path: string, file: ReadGguf, name: string): Promise<Float32Array> {
  const tensor = file.tensors.find((t) => t.name === name);
  if (!tensor) throw new Error(`no tensor ${name}`);
  const type = typeNames[tensor.ggmlType];
  const geometry = blockBytes[tensor.ggmlType];
  if (!type || !geometry) throw new Error(`unsupported ggml type ${tensor.ggmlType}`);
  const elements = tensor.dims.reduce((a, b) => a * b, 1);
  const bytes = Buffer.alloc((elements / geometry[0]) * geometry[1]);
  const handle = await open(path, 'r');
  try {
    await handle.read(bytes, 0, bytes.length, file.dataOffset + tensor.offset);
  } finally {
    await handle.close();
  }
  const values = new Float32Array(elements);
  decodeValues(type, bytes, values);
  return values;
}

class Cursor {
  at = 0;
  constructor(private readonly buffer: Buffer) {}

  u32(): number {
    const v = this.buffer.readUInt32LE(this.at);
    this.at += 4;
    return v;
  }

  u64(): bigint {
    const v = this.buffer.readBigUInt64LE(this.at);
    this.at += 8;
    return v;
  }

  string(): string {
    const length = Number(this.u64());
    const v = this.buffer.toString('utf8', this.at, this.at + length);
    this.at += length;
    return v;
  }

  value(typeId: number): ReadValue {
    const b = this.buffer;
    const step = (n: number) => {
      const at = this.at;
      this.at += n;
      return at;
    };
    switch (typeId) {
      case 0:
        return b.readUInt8(step(1));
      case 1:
        return b.readInt8(step(1));
      case 2:
        return b.readUInt16LE(step(2));
      case 3:
        return b.readInt16LE(step(2));
      case 4:
        return b.readUInt32LE(step(4));
      case 5:
        return b.readInt32LE(step(4));
      case 6:
        return b.readFloatLE(step(4));
      case 7:
        return b.readUInt8(step(1)) !== 0;
      case 8:
        return this.string();
      case 9: {
        const itemType = this.u32();
        const length = Number(this.u64());
        return Array.from({ length }, () => this.value(itemType));
      }
      case 10:
        return b.readBigUInt64LE(step(8));
      case 11:
        return b.readBigInt64LE(step(8));
      case 12:
        return b.readDoubleLE(step(8));
      default:
        throw new Error(`unknown GGUF value type ${typeId}`);
    }
  }
}
