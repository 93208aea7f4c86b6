import { describe, expect, it } from 'vitest';
import { ActionSchema, TurnMarker, TurnSchema } from './turn.js';

describe('ActionSchema', () => {
  it('defaults API_params to an empty object', () => {
    expect(ActionSchema.parse({ API_name: 'read_text' })).toEqual({ API_name: 'read_text', API_params: {} });
  });

  it.each(['ocr', 'detect-objects', 'face__detect_faces', 'A9', 'x'.repeat(64)])(
    'accepts the name %s',
    (name) => {
      expect(ActionSchema.safeParse({ API_name: name, API_params: {} }).success).toBe(true);
    },
  );

  it.each(['', 'x'.repeat(65), 'grounding_dino+sam', 'read text', 'ocr.v2', 'ñ'])(
    'rejects the name %j',
    (name) => {
      expect(ActionSchema.safeParse({ API_name: name, API_params: {} }).success).toBe(false);
    },
  );

  it('rejects params that are not an object', () => {
    expect(ActionSchema.safeParse({ API_name: 'ocr', API_params: [1] }).success).toBe(false);
    expect(ActionSchema.safeParse({ API_name: 'ocr', API_params: 'x' }).success).toBe(false);
  });
});

describe('TurnSchema', () => {
  it('requires thoughts, actions and value', () => {
    const turn = {
      thoughts: 't',
      actions: [{ API_name: 'ocr', API_params: { image: 'image_1' } }],
      value: 'v',
    };
    expect(TurnSchema.parse(turn)).toEqual(turn);
    expect(TurnSchema.safeParse({ thoughts: 't', actions: [] }).success).toBe(false);
    expect(TurnSchema.safeParse({ actions: [], value: 'v' }).success).toBe(false);
    expect(TurnSchema.safeParse({ thoughts: 't', value: 'v' }).success).toBe(false);
  });

  it('names the LLaVA-Plus markers', () => {
    expect(TurnMarker).toEqual({ thoughts: 'thoughts🤔', actions: 'actions🚀', value: 'value👉' });
  });
});
