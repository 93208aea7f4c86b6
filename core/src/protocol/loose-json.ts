/** Deepest nesting of objects and arrays {@link readLooseJson} follows before giving up. */
export const LOOSE_JSON_MAX_DEPTH = 64;

export type LooseJsonResult =
  | { ok: true; value: unknown; end: number }
  | { ok: false; problem: string; at: number };

/**
 * Reads one JSON value starting at `start` the way models write it: strict JSON plus single-quoted
 * strings, unquoted keys, trailing commas, raw line breaks in strings and Python's True/False/None.
 * Never evaluates anything; returns where the value ended, or the problem and where it was found.
 * Work is linear in the characters read.
 */
export function readLooseJson(text: string, start: number): LooseJsonResult {
  const reader = new LooseJsonReader(text, start);
  const value = reader.value(0);
  if (value === FAIL) return { ok: false, problem: reader.problem, at: reader.pos };
  return { ok: true, value, end: reader.pos };
}

/** Skips JSON whitespace plus the Unicode spaces models emit; returns the first other index. */
export function skipSpace(text: string, from: number): number {
  let pos = from;
  while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

// Failures are returned rather than thrown: the turn search may fail on every brace of a megabyte,
// and a throw costs about a microsecond each.
const FAIL: unique symbol = Symbol('fail');
type Fail = typeof FAIL;

const LITERALS: Record<string, unknown> = {
  true: true,
  false: false,
  null: null,
  True: true,
  False: false,
  None: null,
};

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Longest word among the literals; a longer run of letters is not read further. */
const LONGEST_LITERAL = 5;

class LooseJsonReader {
  pos: number;
  problem = '';

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.pos = start;
  }

  value(depth: number): unknown {
    this.pos = skipSpace(this.text, this.pos);
    const c = this.text[this.pos];
    if (c === undefined) return this.fail('unexpected end of text');
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"' || c === "'") return this.string(c);
    if (/[-+.0-9]/.test(c)) return this.number();
    if (/[A-Za-z]/.test(c)) return this.literal();
    return this.fail(`unexpected character ${JSON.stringify(c)}`);
  }

  private object(depth: number): Record<string, unknown> | Fail {
    if (depth > LOOSE_JSON_MAX_DEPTH) return this.fail(`nested deeper than ${LOOSE_JSON_MAX_DEPTH} levels`);
    this.pos++;
    const result: Record<string, unknown> = {};
    for (;;) {
      this.pos = skipSpace(this.text, this.pos);
      if (this.text[this.pos] === '}') {
        this.pos++;
        return result;
      }
      const key = this.key();
      if (key === FAIL) return FAIL;
      this.pos = skipSpace(this.text, this.pos);
      if (this.text[this.pos] !== ':') return this.fail(`expected ":" after key ${JSON.stringify(key)}`);
      this.pos++;
      const value = this.value(depth);
      if (value === FAIL) return FAIL;
      // A "__proto__" key must stay data, never become the prototype.
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      const more = this.separator('}');
      if (more !== true) return more === FAIL ? FAIL : result;
    }
  }

  private array(depth: number): unknown[] | Fail {
    if (depth > LOOSE_JSON_MAX_DEPTH) return this.fail(`nested deeper than ${LOOSE_JSON_MAX_DEPTH} levels`);
    this.pos++;
    const result: unknown[] = [];
    for (;;) {
      this.pos = skipSpace(this.text, this.pos);
      if (this.text[this.pos] === ']') {
        this.pos++;
        return result;
      }
      const value = this.value(depth);
      if (value === FAIL) return FAIL;
      result.push(value);
      const more = this.separator(']');
      if (more !== true) return more === FAIL ? FAIL : result;
    }
  }

  /** After a member: true when another may follow (a comma), false when `close` ended the container. */
  private separator(close: '}' | ']'): boolean | Fail {
    this.pos = skipSpace(this.text, this.pos);
    const c = this.text[this.pos];
    if (c === ',') {
      this.pos++;
      return true;
    }
    if (c === close) {
      this.pos++;
      return false;
    }
    return this.fail(c === undefined ? 'unexpected end of text' : `expected "," or "${close}"`);
  }

  private key(): string | Fail {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") return this.string(c);
    const start = this.pos;
    while (this.pos < this.text.length && !/[\s:,{}[\]"']/.test(this.text.charAt(this.pos))) this.pos++;
    if (this.pos === start) return this.fail(c === undefined ? 'unexpected end of text' : 'expected a key');
    return this.text.slice(start, this.pos);
  }

  private string(quote: string): string | Fail {
    const { text } = this;
    this.pos++;
    let result = '';
    let chunk = this.pos;
    while (this.pos < text.length) {
      const c = text.charAt(this.pos);
      if (c === quote) {
        result += text.slice(chunk, this.pos);
        this.pos++;
        return result;
      }
      if (c !== '\\') {
        this.pos++;
        continue;
      }
      result += text.slice(chunk, this.pos);
      const escaped = text.charAt(this.pos + 1);
      if (escaped === 'u') {
        const hex = text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return this.fail('bad \\u escape in a string');
        result += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 6;
      } else {
        // Unknown escapes (\', \/, \", \\ and model slips such as \x) stand for the character itself.
        result += ESCAPES[escaped] ?? escaped;
        this.pos += 2;
      }
      chunk = this.pos;
    }
    this.pos = text.length;
    return this.fail('unterminated string');
  }

  private number(): number | Fail {
    const start = this.pos;
    while (this.pos < this.text.length && /[-+.0-9eE]/.test(this.text.charAt(this.pos))) this.pos++;
    const literal = this.text.slice(start, this.pos);
    if (!NUMBER.test(literal)) return this.fail(`bad number ${JSON.stringify(literal.slice(0, 40))}`);
    return Number(literal);
  }

  private literal(): unknown {
    const start = this.pos;
    const limit = Math.min(this.text.length, start + LONGEST_LITERAL + 1);
    while (this.pos < limit && /[A-Za-z]/.test(this.text.charAt(this.pos))) this.pos++;
    const word = this.text.slice(start, this.pos);
    if (Object.hasOwn(LITERALS, word)) return LITERALS[word];
    return this.fail(`unexpected word ${JSON.stringify(word)}`);
  }

  private fail(problem: string): Fail {
    this.problem = problem;
    return FAIL;
  }
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0xa0 ||
    code === 0xfeff ||
    code === 0x2028 ||
    code === 0x2029
  );
}
