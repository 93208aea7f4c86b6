/** `llama_token_type` values (llama.h) used in `tokenizer.ggml.token_type`. */
export const tokenTypes = { normal: 1, unknown: 2, control: 3, unused: 5, byte: 6 } as const;

/** A SentencePiece-style vocabulary, ready for `tokenizer.ggml.*`. */
export interface Vocab {
  readonly tokens: readonly string[];
  readonly scores: readonly number[];
  readonly types: readonly number[];
  readonly unk: number;
  readonly bos: number;
  readonly eos: number;
  readonly imStart: number;
  readonly imEnd: number;
}

// SentencePiece writes spaces as U+2581; llama.cpp's SPM tokenizer does the same before matching.
const space = '\u2581';

// Words that merge into one token each (every prefix is a token too, so SPM's pairwise merges reach them).
const words = [
  '{"',
  '"}',
  '": ',
  '", "',
  '["',
  '"]',
  'true',
  'false',
  'null',
  'name',
  'arguments',
  'actions',
  'thoughts',
  'value',
  'image',
  'API_name',
  'API_params',
  'user',
  'assistant',
  'system',
  ' the',
  ' a',
  ' is',
  ' of',
  'ing',
];

/**
 * The tiny test vocabulary: `<unk>`, `<s>`, `</s>`, the ChatML control tokens `<|im_start|>` and
 * `<|im_end|>` (the end-of-generation token), 256 byte-fallback tokens `<0x00>`…`<0xFF>`, the space
 * marker and printable ASCII, then JSON-ish multi-character pieces. With `size`, unused filler tokens
 * pad it to that many entries (so the embedding and output matrices get a realistic size).
 */
export function tinyVocab(size?: number): Vocab {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const add = (token: string, type: number, score = 0): number => {
    tokens.push(token);
    scores.push(score);
    types.push(type);
    return tokens.length - 1;
  };
  const unk = add('<unk>', tokenTypes.unknown);
  const bos = add('<s>', tokenTypes.control);
  add('</s>', tokenTypes.control);
  const imStart = add('<|im_start|>', tokenTypes.control);
  const imEnd = add('<|im_end|>', tokenTypes.control);
  for (let byte = 0; byte < 256; byte++) {
    add(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, tokenTypes.byte);
  }
  add(space, tokenTypes.normal, -1000);
  for (let code = 0x21; code <= 0x7e; code++) add(String.fromCharCode(code), tokenTypes.normal, -1000);
  const pieces = new Set<string>();
  for (const word of words) {
    const piece = word.replaceAll(' ', space);
    for (let end = 2; end <= piece.length; end++) pieces.add(piece.slice(0, end));
  }
  // Earlier pieces score higher, so SPM prefers them when two merges compete.
  for (const [rank, piece] of [...pieces].entries()) add(piece, tokenTypes.normal, -1 - rank);
  if (size !== undefined) {
    if (!Number.isInteger(size) || size < tokens.length) {
      throw new RangeError(`vocabulary size must be an integer of at least ${tokens.length}, got ${size}`);
    }
    for (let filler = 0; tokens.length < size; filler++) add(`<unused${filler}>`, tokenTypes.unused);
  }
  return { tokens, scores, types, unk, bos, eos: imEnd, imStart, imEnd };
}
