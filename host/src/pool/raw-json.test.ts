import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKeepingLong, RawString, serialise } from './raw-json.js';

const joined = (pieces: Array<string | RawString>) =>
  pieces.map((piece) => (typeof piece === 'string' ? piece : piece.literal.toString())).join('');

// JSON values with strings long enough to be kept at a threshold of 8, keys among them.
const values = fc.jsonValue({ maxDepth: 4 });

describe('parseKeepingLong and serialise', () => {
  it('write back what JSON.parse reads, from text or bytes, compact or indented', () => {
    fc.assert(
      fc.property(values, fc.boolean(), fc.boolean(), (value, bytes, indented) => {
        const json = JSON.stringify(value, null, indented ? 2 : undefined);
        const parsed = parseKeepingLong(bytes ? Buffer.from(json) : json, 8);
        expect(JSON.parse(joined(serialise(parsed.value)))).toEqual(JSON.parse(json));
      }),
      { numRuns: 500 },
    );
  });

  it('keep long literals as views of the bytes they came in, and write those bytes back', () => {
    const picture = Buffer.alloc(100_000, 7).toString('base64');
    const body = Buffer.from(
      JSON.stringify({
        id: 3,
        params: { name: 'image__crop', arguments: { image: picture, box: [0, 0, 1, 1] } },
      }),
    );
    const { value, kept } = parseKeepingLong(body);
    expect(kept).toBe(1);
    const image = (value as { params: { arguments: { image: RawString } } }).params.arguments.image;
    expect(image).toBeInstanceOf(RawString);
    expect((image.literal as Buffer).buffer).toBe(body.buffer);
    expect(image.length).toBe(picture.length + 2);
    expect(image.value()).toBe(picture);
    const pieces = serialise({ result: { content: [{ type: 'image', data: image }] }, id: 3 });
    expect(pieces[1]).toBe(image);
    expect(JSON.parse(joined(pieces))).toEqual({
      result: { content: [{ type: 'image', data: picture }] },
      id: 3,
    });
  });

  it('keep neither keys nor strings with escapes, and read them as JSON.parse does', () => {
    const key = 'k'.repeat(50);
    const escaped = `${'e'.repeat(50)}\n"${'e'.repeat(50)}`;
    const json = JSON.stringify({ [key]: escaped, plain: 'p'.repeat(50) });
    const { value, kept } = parseKeepingLong(json, 8);
    expect(kept).toBe(1);
    expect(Object.keys(value as object)).toEqual([key, 'plain']);
    expect((value as Record<string, unknown>)[key]).toBe(escaped);
  });

  it('refuse what JSON.parse refuses, but for a control character inside a kept literal', () => {
    fc.assert(
      fc.property(values, fc.nat(), fc.integer({ min: 0, max: 127 }), (value, position, code) => {
        const json = JSON.stringify(value);
        const at = position % (json.length + 1);
        const broken = json.slice(0, at) + String.fromCharCode(code) + json.slice(at + 1);
        let strict: unknown;
        try {
          strict = JSON.parse(broken);
        } catch {
          let ours: ReturnType<typeof parseKeepingLong>;
          try {
            ours = parseKeepingLong(broken, 8);
          } catch {
            return;
          }
          const written = joined(serialise(ours.value));
          expect([...written].some((char) => char.charCodeAt(0) < 0x20)).toBe(true);
          return;
        }
        // Compared as JSON writes it: a mutation may make a number too large for a double.
        const written = JSON.parse(JSON.stringify(strict) ?? 'null');
        expect(JSON.parse(joined(serialise(parseKeepingLong(broken, 8).value)))).toEqual(written);
      }),
      { numRuns: 2000 },
    );
  });

  it('find control characters in a kept literal without decoding it', () => {
    const json = `{"a":"${'x'.repeat(20)}\u0001${'x'.repeat(20)}","b":"${'y'.repeat(40)}"}`;
    const { value } = parseKeepingLong(Buffer.from(json), 8);
    const { a, b } = value as { a: RawString; b: RawString };
    expect([a.hasControlCharacter(), b.hasControlCharacter()]).toEqual([true, false]);
    expect(() => a.value()).toThrow(SyntaxError);
  });
});
