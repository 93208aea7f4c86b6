import { encodeF16, fromF16Bits } from './f16.js';
import { decodeQ8_0, encodeQ8_0 } from './q8-0.js';

/** Tensor storage types the writer can produce. */
export type TensorType = 'f32' | 'f16' | 'q8_0';

interface TensorTypeInfo {
  /** `ggml_type` id written into the tensor info. */
  readonly ggmlType: number;
  /** Elements per block: a row length must be a multiple of it. */
  readonly blockSize: number;
  readonly bytesPerBlock: number;
}

/** ggml ids and block geometry, as in ggml.h and ggml-common.h (`block_q8_0` is an f16 scale + 32 int8). */
export const tensorTypes: Readonly<Record<TensorType, TensorTypeInfo>> = {
  f32: { ggmlType: 0, blockSize: 1, bytesPerBlock: 4 },
  f16: { ggmlType: 1, blockSize: 1, bytesPerBlock: 2 },
  q8_0: { ggmlType: 8, blockSize: 32, bytesPerBlock: 34 },
};

/** Bytes that `elements` values take when stored as `type`. */
export function tensorBytes(type: TensorType, elements: number): number {
  const info = tensorTypes[type];
  if (elements % info.blockSize !== 0) {
    throw new RangeError(`${type} needs a multiple of ${info.blockSize} elements, got ${elements}`);
  }
  return (elements / info.blockSize) * info.bytesPerBlock;
}

export function isTensorType(value: string): value is TensorType {
  return Object.hasOwn(tensorTypes, value);
}

/** Stores `values` as `type` into `out`; returns the number of bytes written. */
export function encodeValues(type: TensorType, values: Float32Array, out: Uint8Array): number {
  const bytes = tensorBytes(type, values.length);
  if (out.byteLength < bytes) throw new RangeError(`output holds ${out.byteLength} bytes, needs ${bytes}`);
  switch (type) {
    case 'f32':
      // GGUF is little-endian, as is every platform llama.cpp runs on.
      out.set(new Uint8Array(values.buffer, values.byteOffset, bytes));
      break;
    case 'f16':
      encodeF16(values, new Uint16Array(out.buffer, out.byteOffset, values.length));
      break;
    case 'q8_0':
      encodeQ8_0(values, out.subarray(0, bytes));
      break;
  }
  return bytes;
}

/** Reads `out.length` values stored as `type` from `bytes`. */
export function decodeValues(type: TensorType, bytes: Uint8Array, out: Float32Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'f32':
      for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
      break;
    case 'f16':
      for (let i = 0; i < out.length; i++) out[i] = fromF16Bits(view.getUint16(i * 2, true));
      break;
    case 'q8_0':
      decodeQ8_0(bytes, out);
      break;
  }
}
