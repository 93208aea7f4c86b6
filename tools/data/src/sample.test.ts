import { describe, expect, it } from 'vitest';
import { parseSamples, questionOf, type Sample, toJsonl, toOpenAi } from './sample.js';

const sample: Sample = {
  id: 'cat:1',
  image: 'chelsea.png',
  conversations: [
    { from: 'human', value: '<image>\n<image_1> What is this?' },
    { from: 'gpt', value: '"thoughts🤔" x\n"actions🚀" []\n"value👉" A cat.' },
  ],
};

describe('sample shapes', () => {
  it('renders the image token as an image_url part and reads it back', () => {
    const openai = toOpenAi(sample);
    expect(openai.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'image_url', image_url: { url: 'chelsea.png' } },
        { type: 'text', text: '<image_1> What is this?' },
      ],
    });
    expect(openai.messages[1]).toEqual({ role: 'assistant', content: sample.conversations[1]?.value });
    expect(parseSamples(toJsonl([sample], 'openai'))).toEqual([sample]);
    expect(parseSamples(toJsonl([sample], 'llava'))).toEqual([sample]);
    expect(parseSamples(JSON.stringify([sample]))).toEqual([sample]);
  });

  it('finds the question behind the image tokens and handles', () => {
    expect(questionOf(sample)).toBe('What is this?');
  });

  it.each([
    ['{"id": "x"', /line 1 is not JSON/],
    ['{"id": "x", "conversations": []}', /sample 1 is neither a LLaVA sample .* conversations/],
    [`${JSON.stringify(sample)}\n{"messages": 3}`, /sample 2 is neither/],
  ])('refuses %j with the line it is on', (text, message) => {
    expect(() => parseSamples(text)).toThrow(message);
  });
});
