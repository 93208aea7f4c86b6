import { describe, expect, it } from 'vitest';
import { validateToolList } from './validate.js';

const tool = (examples: unknown) => ({
  name: 'read_text',
  description: 'Reads printed text.',
  inputSchema: {
    type: 'object',
    properties: { image: { type: 'string' }, min_confidence: { type: 'number', minimum: 0, maximum: 1 } },
    required: ['image'],
    additionalProperties: false,
  },
  _meta: { 'io.mmskills/examples': examples },
});

describe('tool examples in a tool list', () => {
  it('accepts examples whose API_params fit the input schema', () => {
    const result = validateToolList([
      tool([{ request: 'What does it say?', API_params: { image: 'image_1' }, answer: 'It says: {text}' }]),
    ]);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['a missing required argument', { min_confidence: 0.5 }, "must have required property 'image'"],
    ['a value out of range', { image: 'image_1', min_confidence: 2 }, 'must be <= 1'],
    ['an unknown argument', { image: 'image_1', lang: 'en' }, 'must NOT have additional properties'],
  ])('rejects an example with %s', (_name, params, message) => {
    const result = validateToolList([tool([{ request: 'Read it', API_params: params, answer: '{text}' }])]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.pointer).toBe('/0/_meta/io.mmskills~1examples/0/API_params');
    expect(result.issues[0]?.message).toContain(message);
  });

  it('rejects a malformed answer template and a missing request', () => {
    const result = validateToolList([tool([{ API_params: { image: 'image_1' }, answer: 'It says {text' }])]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.pointer).sort()).toEqual([
      '/0/_meta/io.mmskills~1examples/0/answer',
      '/0/_meta/io.mmskills~1examples/0/request',
    ]);
  });
});
