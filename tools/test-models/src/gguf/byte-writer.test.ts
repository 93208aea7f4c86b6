import { describe, expect, it } from 'vitest';
import { ByteWriter } from './byte-writer.js';

describe('ByteWriter', () => {
  it('writes little-endian numbers and length-prefixed UTF-8 strings', () => {
    const out = new ByteWriter();
    out.u16(0x0102);
    out.i32(-2);
    out.u64(2n ** 40n + 3n);
    out.string('é');
    expect([...out.toBuffer()]).toEqual([
      2, 1, 0xfe, 0xff, 0xff, 0xff, 3, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0xc3, 0xa9,
    ]);
  });

  it('keeps earlier bytes when it grows past its first buffer', () => {
    const out = new ByteWriter();
    for (let i = 0; i < 3000; i++) out.u32(i);
    out.bytes(new Uint8Array(5000).fill(7));
    out.zeros(3);
    const bytes = out.toBuffer();
    expect(out.length).toBe(12000 + 5003);
    expect(bytes.readUInt32LE(4 * 2999)).toBe(2999);
    expect(bytes[12000 + 4999]).toBe(7);
    expect(bytes.readUIntLE(17000, 3)).toBe(0);
  });
});
