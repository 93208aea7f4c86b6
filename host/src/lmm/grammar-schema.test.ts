import { describe, expect, it } from 'vitest';
import { grammarFriendlySchema } from './grammar-schema.js';

describe('grammarFriendlySchema', () => {
  it('drops repetition bounds at every depth and keeps the rest', () => {
    const schema = {
      type: 'object',
      properties: {
        labels: {
          type: 'array',
          maxItems: 100,
          minItems: 1,
          items: { type: 'string', maxLength: 40, pattern: '^[a-z]+$' },
        },
        mode: { enum: ['a', 'b'], default: 'a' },
        box: { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 } },
      },
      required: ['labels'],
    };
    expect(grammarFriendlySchema(schema)).toEqual({
      type: 'object',
      properties: {
        labels: { type: 'array', items: { type: 'string' } },
        mode: { enum: ['a', 'b'], default: 'a' },
        box: { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 } },
      },
      required: ['labels'],
    });
  });

  it('keeps a property that happens to be named like a keyword', () => {
    expect(grammarFriendlySchema({ properties: { pattern: { type: 'string', maxLength: 3 } } })).toEqual({
      properties: { pattern: { type: 'string' } },
    });
  });

  it('keeps maxItems: 0, the rule that a turn offered no tools takes no action', () => {
    const turn = { type: 'object', properties: { actions: { type: 'array', maxItems: 0, items: {} } } };
    expect(grammarFriendlySchema(turn)).toEqual(turn);
  });
});
