import { describe, expect, it } from 'vitest';
import { parseBlock } from './stream.js';

describe('parseBlock', () => {
  it('reads server-sent event blocks', () => {
    expect(parseBlock('event: answer\ndata: {"type":"answer","text":"hi"}')).toEqual({
      name: 'answer',
      data: { type: 'answer', text: 'hi' },
    });
    expect(parseBlock(': keep-alive')).toBeNull();
    expect(parseBlock('data: not json')).toBeNull();
  });
});
