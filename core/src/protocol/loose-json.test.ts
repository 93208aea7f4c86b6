import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOOSE_JSON_MAX_DEPTH, readLooseJson, skipSpace } from './loose-json.js';

function read(text: string): unknown {
  const result = readLooseJson(text, 0);
  if (!result.ok) throw new Error(`expected to read ${text}: ${result.problem}`);
  return result.value;
}

describe('readLooseJson', () => {
  it.each([
    ['{"a": 1, "b": [true, false, null]}', { a: 1, b: [true, false, null] }],
    ["{'a': 'it\\'s', 'b': \"x\"}", { a: "it's", b: 'x' }],
    ['{a: 1, b_c: 2, "d": 3,}', { a: 1, b_c: 2, d: 3 }],
    ['[1, 2, 3, ]', [1, 2, 3]],
    ['{"x": True, "y": None, "z": False}', { x: true, y: null, z: false }],
    ['"line\nbreak"', 'line\nbreak'],
    ['"\\u00e9\\n\\t\\/\\x"', 'é\n\t/x'],
    ['[-1.5e3, +2, .5, 3.]', [-1500, 2, 0.5, 3]],
    ['  {"a": {}}  trailing prose', { a: {} }],
    ['{"thoughts🤔": "x"}', { 'thoughts🤔': 'x' }],
  ])('reads %s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('reports where the value ended', () => {
    expect(readLooseJson('xx[1, 2] yy', 2)).toEqual({ ok: true, value: [1, 2], end: 8 });
  });

  it.each([
    ['{"a": 1', 'unexpected end of text'],
    ['{"a" 1}', 'expected ":" after key "a"'],
    ['{"a": "open', 'unterminated string'],
    ['[1 2]', 'expected "," or "]"'],
    ['{,}', 'expected a key'],
    ['[undefined]', 'unexpected word "undefi"'],
    ['[1-2]', 'bad number "1-2"'],
    ['"\\u12"', 'bad \\u escape in a string'],
    ['@', 'unexpected character "@"'],
    ['', 'unexpected end of text'],
  ])('refuses %j', (text, problem) => {
    const result = readLooseJson(text, 0);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toBe(problem);
  });

  it('stops at the depth limit instead of overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const result = readLooseJson(deep, 0);
    expect(result).toMatchObject({ ok: false, problem: `nested deeper than ${LOOSE_JSON_MAX_DEPTH} levels` });
    const fine = `${'['.repeat(LOOSE_JSON_MAX_DEPTH)}${']'.repeat(LOOSE_JSON_MAX_DEPTH)}`;
    expect(readLooseJson(fine, 0).ok).toBe(true);
  });

  it('keeps a __proto__ key as data', () => {
    const value = read('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads what JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(read(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('reads a megabyte string in linear time', () => {
    const text = `{"a": "${'x\\n'.repeat(350_000)}"}`;
    const started = performance.now();
    expect((read(text) as { a: string }).a.length).toBe(700_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('skipSpace', () => {
  it('skips JSON and Unicode spaces', () => {
    expect(skipSpace(' \t\r\n\u00a0\ufeffx', 0)).toBe(6);
    expect(skipSpace('ab', 1)).toBe(1);
  });
});
