import { f32BitsToF16Bits, fromF16Bits } from './f16.js';

/** Values per Q8_0 block. */
export const q8BlockSize = 32;
const blockBytes = 34;

/**
 * Quantises float32 values to Q8_0 blocks (f16 scale `d = max|x| / 127`, then 32 `round(x / d)` int8),
 * as `quantize_row_q8_0_ref` in ggml-quants.c does. `values.length` must be a multiple of 32.
 */
export function encodeQ8_0(values: Float32Array, out: Uint8Array): void {
  if (values.length % q8BlockSize !== 0) {
    throw new RangeError(`Q8_0 needs a multiple of ${q8BlockSize} values, got ${values.length}`);
  }
  const quants = new Int8Array(out.buffer, out.byteOffset, out.byteLength);
  const scaleSlot = new Float32Array(1);
  const scaleBits = new Uint32Array(scaleSlot.buffer);
  const blocks = values.length / q8BlockSize;
  for (let b = 0; b < blocks; b++) {
    const first = b * q8BlockSize;
    let absMax = 0;
    for (let j = first; j < first + q8BlockSize; j++) {
      const v = values[j] as number;
      const magnitude = v < 0 ? -v : v;
      if (magnitude > absMax) absMax = magnitude;
    }
    const scale = absMax / 127;
    const inverse = scale === 0 ? 0 : 1 / scale;
    const at = b * blockBytes;
    scaleSlot[0] = scale;
    const half = f32BitsToF16Bits(scaleBits[0] as number);
    out[at] = half & 0xff;
    out[at + 1] = half >>> 8;
    for (let j = 0; j < q8BlockSize; j++) {
      const scaled = (values[first + j] as number) * inverse;
      // Rounds halves away from zero like C's roundf (Math.round would round -0.5 up), without a call.
      quants[at + 2 + j] = scaled < 0 ? (scaled - 0.5) | 0 : (scaled + 0.5) | 0;
    }
  }
}

/** Expands Q8_0 blocks back to float32 (`d * q`). */
export function decodeQ8_0(bytes: Uint8Array, out: Float32Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks = out.length / q8BlockSize;
  for (let b = 0; b < blocks; b++) {
    const at = b * blockBytes;
    const scale = fromF16Bits(view.getUint16(at, true));
    for (let j = 0; j < q8BlockSize; j++) out[b * q8BlockSize + j] = scale * view.getInt8(at + 2 + j);
  }
}
