import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMmskillsError } from '../errors.js';
import { parseTurn } from './parse.js';
import { renderTurn } from './render.js';
import type { Turn } from './turn.js';

describe('renderTurn', () => {
  it('writes the three LLaVA-Plus lines with compact JSON actions', () => {
    const turn: Turn = {
      thoughts: 'I need the boxes of the dogs.',
      actions: [{ API_name: 'detect_objects', API_params: { image: 'image_1', labels: ['dog'] } }],
      value: 'I will detect the dogs.',
    };
    expect(renderTurn(turn)).toBe(
      '"thoughts🤔" I need the boxes of the dogs.\n' +
        '"actions🚀" [{"API_name":"detect_objects","API_params":{"image":"image_1","labels":["dog"]}}]\n' +
        '"value👉" I will detect the dogs.',
    );
  });

  it('writes the JSON form as one compact object in schema order, read back exactly', () => {
    const turn: Turn = {
      thoughts: 'Boxes first.',
      actions: [{ API_name: 'detect_objects', API_params: { image: 'image_1' } }],
      value: 'Detecting.',
    };
    const json = renderTurn(turn, 'json');
    expect(json).toBe(
      '{"thoughts":"Boxes first.","actions":[{"API_name":"detect_objects","API_params":{"image":"image_1"}}],"value":"Detecting."}',
    );
    expect(parseTurn(json)).toEqual(turn);
  });

  it('writes a direct answer with an empty action list', () => {
    expect(renderTurn({ thoughts: '', actions: [], value: 'A cat.' })).toBe(
      '"thoughts🤔" \n"actions🚀" []\n"value👉" A cat.',
    );
  });

  it('refuses params that are not JSON with an invalid_turn error', () => {
    let caught: unknown;
    try {
      renderTurn({ thoughts: '', actions: [{ API_name: 'x', API_params: { n: 1n } }], value: '' });
    } catch (error) {
      caught = error;
    }
    expect(isMmskillsError(caught, 'invalid_turn')).toBe(true);
  });
});

/** Text made of pieces that stress the parser: markers, quotes, braces, fences and line breaks. */
const trickyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
      fc.constantFrom(
        '"thoughts🤔"',
        'thoughts🤔',
        'value👉',
        '"value👉"',
        '\uFE0F',
        '"',
        "'",
        '{',
        '}',
        '[',
        ']',
        '```',
        '\n',
        '\r\n',
        ' ',
        ':',
        '{"thoughts": "x"}',
      ),
    ),
    { maxLength: 8 },
  )
  .map((pieces) => pieces.join(''));

const jsonParams = fc
  .dictionary(fc.string({ unit: 'binary' }), fc.jsonValue(), { maxKeys: 4 })
  .map((params) => JSON.parse(JSON.stringify(params)) as Record<string, unknown>);

const turns: fc.Arbitrary<Turn> = fc.record({
  thoughts: trickyText.filter((text) => !text.includes('actions🚀')),
  actions: fc.array(
    fc.record({ API_name: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), API_params: jsonParams }),
    { maxLength: 3 },
  ),
  value: fc.oneof(trickyText, fc.constant('"actions🚀" [] and actions🚀 again')),
});

describe('renderTurn then parseTurn', () => {
  it('gives back the same turn whenever the thoughts do not contain "actions🚀"', () => {
    fc.assert(
      fc.property(turns, (turn) => {
        const expected = {
          ...turn,
          // zod records drop a "__proto__" key, so a round trip does too.
          actions: turn.actions.map((action) => ({
            ...action,
            API_params: Object.fromEntries(
              Object.entries(action.API_params).filter(([key]) => key !== '__proto__'),
            ),
          })),
        };
        expect(parseTurn(renderTurn(turn))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('gives back arbitrary Unicode thoughts and values exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (thoughts, value) => {
        fc.pre(!thoughts.includes('actions🚀'));
        const turn = { thoughts, actions: [], value };
        expect(parseTurn(renderTurn(turn))).toEqual(turn);
      }),
      { numRuns: 500 },
    );
  });
});
