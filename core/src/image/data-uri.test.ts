import { describe, expect, it } from 'vitest';
import { readDataUri } from './data-uri.js';

const MAX = 1024;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('readDataUri', () => {
  it('decodes base64, with whitespace and without padding', () => {
    expect([...readDataUri('data:image/png;base64,AQID/w==', MAX)]).toEqual([1, 2, 3, 255]);
    expect([...readDataUri('data:image/png;base64,AQID\n/w', MAX)]).toEqual([1, 2, 3, 255]);
    expect([...readDataUri('DATA:IMAGE/PNG;BASE64,AQID', MAX)]).toEqual([1, 2, 3]);
  });

  it('decodes percent-encoding into raw bytes', () => {
    expect([...readDataUri('data:image/png,%89PNG%0D%0a%FF', MAX)]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0xff,
    ]);
  });

  it('accepts application/octet-stream and media type parameters', () => {
    expect([...readDataUri('data:application/octet-stream;base64,AQ==', MAX)]).toEqual([1]);
    expect([...readDataUri('data:image/jpeg;name=x.jpg;base64,AQ==', MAX)]).toEqual([1]);
  });

  it.each([
    ['data:text/plain;base64,AQ==', 'invalid_argument'],
    ['data:,hello', 'invalid_argument'],
    ['data:text/html,<b>x</b>', 'invalid_argument'],
    ['data:image/png;base64', 'invalid_argument'],
    ['data:image/png;base64,AQ*=', 'invalid_argument'],
    ['data:image/png,%G1', 'invalid_argument'],
    ['data:image/png,%4', 'invalid_argument'],
  ])('refuses %s', (uri, code) => {
    expect(codeOf(() => readDataUri(uri, MAX))).toBe(code);
  });

  it('names the media type it refused', () => {
    expect(() => readDataUri('data:text/plain;base64,AQ==', MAX)).toThrow(
      /media type text\/plain; only image\/\* or application\/octet-stream/,
    );
  });

  it('checks the byte limit before decoding', () => {
    const exactly = Buffer.alloc(MAX, 7).toString('base64');
    expect(readDataUri(`data:image/png;base64,${exactly}`, MAX).length).toBe(MAX);
    const over = Buffer.alloc(MAX + 1).toString('base64');
    expect(codeOf(() => readDataUri(`data:image/png;base64,${over}`, MAX))).toBe('image_too_large');
    expect(codeOf(() => readDataUri(`data:image/png,${'a'.repeat(MAX + 1)}`, MAX))).toBe('image_too_large');
    expect(codeOf(() => readDataUri(`data:image/png,${'%00'.repeat(MAX * 2)}`, MAX))).toBe('image_too_large');
  });
});
