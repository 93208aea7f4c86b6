import { describe, expect, it } from 'vitest';
import { tinyVocab, tokenTypes } from './tiny-vocab.js';

describe('tinyVocab', () => {
  const vocab = tinyVocab();

  it('has the special tokens first and byte-fallback tokens after them', () => {
    expect(vocab.tokens.slice(0, 5)).toEqual(['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>']);
    expect([vocab.unk, vocab.bos, vocab.imStart, vocab.imEnd, vocab.eos]).toEqual([0, 1, 3, 4, 4]);
    expect(vocab.types.slice(0, 5)).toEqual([
      tokenTypes.unknown,
      tokenTypes.control,
      tokenTypes.control,
      tokenTypes.control,
      tokenTypes.control,
    ]);
    expect(vocab.tokens[5]).toBe('<0x00>');
    expect(vocab.tokens[5 + 0x0a]).toBe('<0x0A>');
    expect(vocab.tokens[5 + 255]).toBe('<0xFF>');
    expect(vocab.types.filter((t) => t === tokenTypes.byte)).toHaveLength(256);
  });

  it('holds every prefix of each merged piece so SPM merges can reach it', () => {
    for (const piece of ['true', '{"', '":\u2581', '",\u2581"', '\u2581the', 'API_params']) {
      for (let end = 1; end <= piece.length; end++) expect(vocab.tokens).toContain(piece.slice(0, end));
    }
    expect(new Set(vocab.tokens).size).toBe(vocab.tokens.length);
    expect(vocab.scores[vocab.tokens.indexOf('tr')]).toBeGreaterThan(
      vocab.scores[vocab.tokens.indexOf('true')] as number,
    );
  });

  it('pads with unused filler tokens to the requested size', () => {
    const padded = tinyVocab(1000);
    expect(padded.tokens).toHaveLength(1000);
    expect(padded.tokens.slice(0, vocab.tokens.length)).toEqual(vocab.tokens);
    expect(padded.tokens[vocab.tokens.length]).toBe('<unused0>');
    expect(padded.types[999]).toBe(tokenTypes.unused);
    expect(() => tinyVocab(10)).toThrow(/at least/);
  });
});
