import { describe, expect, it } from 'vitest';
import { argumentsOf, fieldsOf, type ObjectSchema } from './fields.js';

const crop: ObjectSchema = {
  properties: {
    image: { type: 'string', description: 'the picture' },
    box: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 },
    padding: { type: 'number', minimum: 0, default: 0 },
    format: { type: 'string', enum: ['png', 'jpeg'] },
    upscale: { type: 'boolean' },
    regions: { type: 'array', items: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 } },
    labels: { type: 'array', items: { type: 'string' } },
    count: { type: 'integer' },
    tuple_box: {
      type: 'array',
      items: [{ type: 'number' }, { type: 'number' }, { type: 'number' }, { type: 'number' }],
    },
    prefix_box: {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }, { type: 'number' }, { type: 'integer' }],
    },
    pair: { type: 'array', items: [{ type: 'number' }, { type: 'number' }] },
    mask_image: { type: 'string' },
  },
  required: ['image', 'box'],
};

describe('fieldsOf', () => {
  it('gives each property the control its schema calls for', () => {
    expect(fieldsOf(crop).map((field) => [field.name, field.kind, field.required])).toEqual([
      ['image', 'image', true],
      ['box', 'box', true],
      ['padding', 'number', false],
      ['format', 'choice', false],
      ['upscale', 'boolean', false],
      ['regions', 'boxes', false],
      ['labels', 'json', false],
      ['count', 'integer', false],
      ['tuple_box', 'box', false],
      ['prefix_box', 'box', false],
      ['pair', 'json', false],
      ['mask_image', 'image', false],
    ]);
    expect(fieldsOf(crop)[3]?.choices).toEqual(['png', 'jpeg']);
    expect(fieldsOf({})).toEqual([]);
  });
});

describe('argumentsOf', () => {
  const fields = fieldsOf(crop);
  const picture = 'data:image/png;base64,AAAA';

  it('fills image and box fields from the picture and the drawn box, and types the rest', () => {
    const made = argumentsOf(fields, {
      values: { padding: '0.1', format: 'png', upscale: true, labels: '["cat"]', count: '3', mask_image: '' },
      picture,
      box: [0.1, 0.2, 0.5, 0.6],
    });
    expect(made).toEqual({
      ok: true,
      arguments: {
        image: picture,
        box: [0.1, 0.2, 0.5, 0.6],
        padding: 0.1,
        format: 'png',
        upscale: true,
        regions: [[0.1, 0.2, 0.5, 0.6]],
        labels: ['cat'],
        count: 3,
        tuple_box: [0.1, 0.2, 0.5, 0.6],
        prefix_box: [0.1, 0.2, 0.5, 0.6],
        mask_image: picture,
      },
    });
  });

  it('prefers what was typed over the picture and the box', () => {
    const made = argumentsOf(fields, {
      values: { image: '/data/a.png', box: '[0, 0, 1, 1]' },
      picture,
      box: [0.1, 0.1, 0.2, 0.2],
    });
    expect(made).toMatchObject({ ok: true, arguments: { image: '/data/a.png', box: [0, 0, 1, 1] } });
  });

  it.each([
    [{ values: {} }, 'image needs a picture: choose one above'],
    [{ values: {}, picture }, 'box is required: draw a box on the picture or type one'],
    [{ values: { box: '[0, 0' }, picture }, 'box must be JSON, e.g. [0.1, 0.1, 0.5, 0.5]'],
    [{ values: { count: '2.5' }, picture, box: [0, 0, 1, 1] }, 'count must be a whole number'],
    [{ values: { padding: 'wide' }, picture, box: [0, 0, 1, 1] }, 'padding must be a number'],
  ])('says what is missing or wrong: %j', (state, problem) => {
    expect(argumentsOf(fields, state)).toEqual({ ok: false, problem });
  });
});
