import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isMmskillsError } from '../errors.js';
import { parseTurn } from './parse.js';
import { renderTurn } from './render.js';
import { type TurnSchemaTool, turnJsonSchema } from './turn-json-schema.js';

function validator(tools: readonly TurnSchemaTool[]): (turn: unknown) => boolean {
  const validate = new Ajv2020({ strict: true }).compile(turnJsonSchema(tools));
  return (turn) => validate(turn);
}

const readText: TurnSchemaTool = {
  name: 'read_text',
  inputSchema: z.toJSONSchema(z.object({ image: z.string(), languages: z.array(z.string()).optional() })),
};
const crop: TurnSchemaTool = {
  name: 'crop',
  inputSchema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { image: { type: 'string' }, box: { $ref: '#/definitions/box' } },
    required: ['image', 'box'],
    definitions: { box: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 } },
  },
};

describe('turnJsonSchema', () => {
  it('allows only an empty action list when there are no tools', () => {
    const valid = validator([]);
    expect(valid({ thoughts: '', actions: [], value: 'A cat.' })).toBe(true);
    expect(valid({ thoughts: '', actions: [{ API_name: 'read_text', API_params: {} }], value: '' })).toBe(
      false,
    );
    expect(valid({ thoughts: '', actions: [] })).toBe(false);
    expect(valid({ thoughts: '', actions: [], value: '', extra: 1 })).toBe(false);
    expect(valid({ thoughts: 1, actions: [], value: '' })).toBe(false);
  });

  it('allows each tool with arguments matching its input schema', () => {
    const valid = validator([readText, crop]);
    const ocr = { API_name: 'read_text', API_params: { image: 'image_1' } };
    const cut = { API_name: 'crop', API_params: { image: 'image_1', box: [0, 0, 0.5, 0.5] } };
    expect(valid({ thoughts: 't', actions: [ocr, cut], value: '' })).toBe(true);
    expect(valid({ thoughts: 't', actions: [], value: 'direct' })).toBe(true);
    const bad = [
      { API_name: 'detect_objects', API_params: {} },
      { API_name: 'read_text', API_params: { image: 1 } },
      { API_name: 'read_text', API_params: { image: 'image_1', colour: 'red' } },
      { API_name: 'read_text' },
      { ...ocr, note: 'x' },
      { API_name: 'crop', API_params: { image: 'image_1', box: [0, 0, 1] } },
      { API_name: 'crop', API_params: { image: 'image_1' } },
    ];
    for (const action of bad) expect(valid({ thoughts: 't', actions: [action], value: '' })).toBe(false);
  });

  it('lists the parts in render order and stays plain JSON', () => {
    const schema = turnJsonSchema([readText, crop]);
    expect(Object.keys(schema.properties as object)).toEqual(['thoughts', 'actions', 'value']);
    expect(schema.required).toEqual(['thoughts', 'actions', 'value']);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(JSON.stringify(schema)).not.toContain('draft-07');
    expect(JSON.stringify(schema)).toContain(
      '"$ref":"#/properties/actions/items/anyOf/1/properties/API_params/definitions/box"',
    );
  });

  it('moves refs to the root of a tool schema, leaving data alone', () => {
    const tree: TurnSchemaTool = {
      name: 'tree',
      inputSchema: {
        type: 'object',
        properties: { child: { $ref: '#' }, const: { const: { $ref: '#' } }, $ref: { type: 'string' } },
        additionalProperties: false,
      },
    };
    const valid = validator([tree]);
    const turn = (params: unknown) => ({
      thoughts: '',
      actions: [{ API_name: 'tree', API_params: params }],
      value: '',
    });
    expect(valid(turn({ child: { child: {}, $ref: 'x' }, const: { $ref: '#' } }))).toBe(true);
    expect(valid(turn({ child: { child: { other: 1 } } }))).toBe(false);
    expect(valid(turn({ const: { $ref: 'elsewhere' } }))).toBe(false);
  });

  it.each<[string, TurnSchemaTool[]]>([
    ['a name a turn cannot carry', [{ name: 'grounding_dino+sam', inputSchema: {} }]],
    ['a repeated name', [readText, readText]],
    ['a ref to another document', [{ name: 'x', inputSchema: { $ref: 'https://example.com/s.json' } }]],
  ])('refuses %s', (_name, tools) => {
    let caught: unknown;
    try {
      turnJsonSchema(tools);
    } catch (error) {
      caught = error;
    }
    expect(isMmskillsError(caught, 'invalid_argument')).toBe(true);
  });

  it('accepts every well-formed turn for its tools, also after a render and parse', () => {
    const valid = validator([readText, crop]);
    const action = fc.oneof(
      fc.record({ API_name: fc.constant('read_text'), API_params: fc.record({ image: fc.string() }) }),
      fc.record({
        API_name: fc.constant('crop'),
        API_params: fc.record({
          image: fc.string(),
          box: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 4, maxLength: 4 }),
        }),
      }),
    );
    const turns = fc.record({
      thoughts: fc.string(),
      actions: fc.array(action, { maxLength: 3 }),
      value: fc.string(),
    });
    fc.assert(
      fc.property(turns, (turn) => {
        fc.pre(!turn.thoughts.includes('actions🚀'));
        expect(valid(turn)).toBe(true);
        expect(valid(parseTurn(renderTurn(turn)))).toBe(true);
      }),
    );
  });
});
