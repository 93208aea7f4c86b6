import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { encodePng } from './encode-png.js';
import { testPicture } from './test-picture.js';

function chunks(png: Buffer): { type: string; data: Buffer; crcOk: boolean }[] {
  const found = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const body = png.subarray(at + 4, at + 8 + length);
    found.push({
      type: body.toString('ascii', 0, 4),
      data: body.subarray(4),
      crcOk: png.readUInt32BE(at + 8 + length) === crc32(body),
    });
    at += length + 12;
  }
  return found;
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('encodePng', () => {
  it('writes signature, IHDR, IDAT and IEND with valid CRCs', () => {
    const png = encodePng(testPicture(5, 4));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const found = chunks(png);
    expect(found.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(found.every((c) => c.crcOk)).toBe(true);
    const ihdr = found[0]?.data ?? Buffer.alloc(13);
    expect([
      ihdr.readUInt32BE(0),
      ihdr.readUInt32BE(4),
      ihdr[8],
      ihdr[9],
      ihdr[10],
      ihdr[11],
      ihdr[12],
    ]).toEqual([5, 4, 8, 2, 0, 0, 0]);
  });

  it('stores the pixels losslessly, one filter byte per row', () => {
    const image = testPicture(7, 3);
    const idat = chunks(encodePng(image)).find((c) => c.type === 'IDAT')?.data ?? Buffer.alloc(0);
    const raw = inflateSync(idat);
    expect(raw.length).toBe((7 * 3 + 1) * 3);
    for (let y = 0; y < 3; y++) {
      expect(raw[y * 22]).toBe(0);
      expect([...raw.subarray(y * 22 + 1, y * 22 + 22)]).toEqual([
        ...image.pixels.subarray(y * 21, y * 21 + 21),
      ]);
    }
  });

  it('uses the colour type of the channel count and rejects a wrong pixel count', () => {
    const grey = encodePng({ width: 2, height: 1, channels: 1, pixels: new Uint8Array([0, 255]) });
    expect(chunks(grey)[0]?.data[9]).toBe(0);
    const rgba = encodePng({ width: 1, height: 1, channels: 4, pixels: new Uint8Array(4) });
    expect(chunks(rgba)[0]?.data[9]).toBe(6);
    expect(() => encodePng({ width: 2, height: 2, channels: 3, pixels: new Uint8Array(5) })).toThrow(
      /expected 12/,
    );
  });
});

describe('testPicture', () => {
  it('draws a red square and a blue disc on a gradient', () => {
    const { pixels, width } = testPicture(64, 48);
    const at = (x: number, y: number) => [...pixels.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
    expect(at(15, 12)).toEqual([220, 30, 30]);
    expect(at(45, 31)).toEqual([30, 60, 220]);
    expect(at(63, 0)).toEqual([251, 0, 160]);
  });
});
