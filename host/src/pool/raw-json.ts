import { randomBytes } from 'node:crypto';

/** JSON text as it arrived: the bytes of an HTTP body, or a line read from a skill. */
export type JsonSource = Buffer | string;

// A string literal this long (quotes included) is kept as its source when the JSON is parsed:
// pictures as base64 are nearly all the bytes of a tool call, and the gateway only passes them on.
const LONG = 4096;
// Stands for a kept literal in the small JSON that the rest is parsed from or written as. The NUL
// and this process's secret keep anything a client or a skill writes from passing for one.
const MARK = `\u0000${randomBytes(8).toString('hex')}:`;
const MARK_LITERAL = JSON.stringify(MARK).slice(0, -1);
const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const WHITESPACE = new Set([9, 10, 13, 32]);
const CONTROL = Array.from({ length: 32 }, (_, code) => code);

let collector: RawString[] | undefined;

const find = (source: JsonSource, code: number, from: number) =>
  typeof source === 'string' ? source.indexOf(String.fromCharCode(code), from) : source.indexOf(code, from);
const codeAt = (source: JsonSource, at: number) =>
  typeof source === 'string' ? source.charCodeAt(at) : (source[at] as number);
const view = (source: JsonSource, start: number, end: number): JsonSource =>
  typeof source === 'string' ? source.slice(start, end) : source.subarray(start, end);
const text = (source: JsonSource, start: number, end: number) =>
  typeof source === 'string' ? source.slice(start, end) : source.toString('utf8', start, end);

/**
 * A long JSON string literal, quotes included, kept as a view of the source it was parsed from:
 * its characters are never decoded, and {@link serialise} writes it back as those same bytes.
 */
export class RawString {
  constructor(
    private readonly source: JsonSource,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** The literal as it came, quotes included: a view, not a copy. */
  get literal(): JsonSource {
    return view(this.source, this.start, this.end);
  }

  /** Bytes (characters, for text) of the literal, quotes included: base64's size without decoding it. */
  get length(): number {
    return this.end - this.start;
  }

  /** Whether the literal holds one of the code points below U+0020, which JSON forbids raw in a string. */
  hasControlCharacter(codes: readonly number[] = CONTROL): boolean {
    const literal = this.literal;
    return codes.some((code) => find(literal, code, 0) !== -1);
  }

  /** The string decoded: for code that needs its characters, at the cost forwarding avoids. */
  value(): string {
    return JSON.parse(text(this.source, this.start, this.end)) as string;
  }

  toJSON(): string {
    if (!collector) return this.value();
    collector.push(this);
    return `${MARK}${collector.length - 1}`;
  }
}

/**
 * JSON.parse, except that string literals of `longest` or more bytes with no escape in them
 * come back as {@link RawString}s over `source`. Everything else is parsed by JSON.parse, so the
 * text around them is held to JSON's grammar; what is inside them is the reader's to check.
 */
export function parseKeepingLong(source: JsonSource, longest = LONG): { value: unknown; kept: number } {
  // Too short to hold a long literal: nothing to look for.
  if (source.length < longest) return { value: JSON.parse(text(source, 0, source.length)), kept: 0 };
  const kept: RawString[] = [];
  const skeleton: string[] = [];
  let copied = 0;
  for (let open = find(source, QUOTE, 0); open !== -1; ) {
    const close = closingQuote(source, open + 1);
    if (close === -1) break;
    if (
      close + 1 - open >= longest &&
      find(view(source, open, close), BACKSLASH, 0) === -1 &&
      !isKey(source, close + 1)
    ) {
      skeleton.push(text(source, copied, open), JSON.stringify(`${MARK}${kept.length}`));
      kept.push(new RawString(source, open, close + 1));
      copied = close + 1;
    }
    open = find(source, QUOTE, close + 1);
  }
  if (kept.length === 0) return { value: JSON.parse(text(source, 0, source.length)), kept: 0 };
  skeleton.push(text(source, copied, source.length));
  const value = JSON.parse(skeleton.join(''), (_key, item: unknown) =>
    typeof item === 'string' && item.startsWith(MARK)
      ? (kept[Number(item.slice(MARK.length))] ?? item)
      : item,
  );
  return { value, kept: kept.length };
}

// Whether the literal that ended just before `after` is an object's key: a colon comes next.
function isKey(source: JsonSource, after: number): boolean {
  let at = after;
  while (at < source.length && WHITESPACE.has(codeAt(source, at))) at += 1;
  return codeAt(source, at) === COLON;
}

// The quote that ends the string whose characters start at `from`: one after an even run of backslashes.
function closingQuote(source: JsonSource, from: number): number {
  for (let quote = find(source, QUOTE, from); quote !== -1; quote = find(source, QUOTE, quote + 1)) {
    let slashes = 0;
    while (quote - slashes - 1 >= from && codeAt(source, quote - slashes - 1) === BACKSLASH) slashes += 1;
    if (slashes % 2 === 0) return quote;
  }
  return -1;
}

/** JSON.stringify in pieces: each {@link RawString} in `value` is its own piece, its source uncopied. */
export function serialise(value: unknown): Array<string | RawString> {
  const kept: RawString[] = [];
  collector = kept;
  let json: string;
  try {
    json = JSON.stringify(value);
  } finally {
    collector = undefined;
  }
  const pieces: Array<string | RawString> = [];
  let at = 0;
  kept.forEach((raw, index) => {
    const literal = `${MARK_LITERAL}${index}"`;
    const found = json.indexOf(literal, at);
    pieces.push(json.slice(at, found), raw);
    at = found + literal.length;
  });
  pieces.push(json.slice(at));
  return pieces;
}

/** The bytes of a piece from {@link serialise}. */
export function pieceBytes(piece: string | RawString): Buffer {
  const source = typeof piece === 'string' ? piece : piece.literal;
  return typeof source === 'string' ? Buffer.from(source) : source;
}
