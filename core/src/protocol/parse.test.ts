import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMmskillsError } from '../errors.js';
import { parseTurn } from './parse.js';
import { renderTurn } from './render.js';
import type { Turn } from './turn.js';
import { TurnParseError } from './turn-parse-error.js';

const detect = { API_name: 'detect_objects', API_params: { image: 'image_1', labels: ['dog'] } };

function parseError(text: string): TurnParseError {
  try {
    parseTurn(text);
  } catch (error) {
    if (error instanceof TurnParseError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe('parseTurn reads what models write', () => {
  it.each<[string, string, Turn]>([
    [
      'the canonical marker form',
      '"thoughts🤔" Find the dog.\n"actions🚀" [{"API_name":"detect_objects","API_params":{"image":"image_1","labels":["dog"]}}]\n"value👉" Let me look.',
      { thoughts: 'Find the dog.', actions: [detect], value: 'Let me look.' },
    ],
    [
      'markers without quotes, after a chat prefix',
      'ASSISTANT: thoughts🤔 Find the dog.\nactions🚀 [{"API_name": "detect_objects", "API_params": {"image": "image_1", "labels": ["dog"]}}]\nvalue👉 Let me look.',
      { thoughts: 'Find the dog.', actions: [detect], value: 'Let me look.' },
    ],
    [
      'a direct answer with an emoji variation selector and a colon',
      '"thoughts🤔": No tool needed.\n"actions🚀": []\n"value👉️": It is a cat.',
      { thoughts: 'No tool needed.', actions: [], value: 'It is a cat.' },
    ],
    [
      'markers in a code fence',
      'Here you go:\n```\n"thoughts🤔" t\n"actions🚀" []\n"value👉" v\n```\nAnything else?',
      { thoughts: 't', actions: [], value: 'v' },
    ],
    [
      'markers on one line with single-quoted actions',
      "\"thoughts🤔\" t \"actions🚀\" [{'API_name': 'read_text', 'API_params': {'image': 'image_2'},}] \"value👉\" v",
      { thoughts: 't', actions: [{ API_name: 'read_text', API_params: { image: 'image_2' } }], value: 'v' },
    ],
    [
      'missing thoughts and empty actions',
      '"actions🚀"\n"value👉" Just the answer.',
      { thoughts: '', actions: [], value: 'Just the answer.' },
    ],
    [
      'missing value',
      '"thoughts🤔" call it\n"actions🚀" [{"API_name": "image_info"}]',
      { thoughts: 'call it', actions: [{ API_name: 'image_info', API_params: {} }], value: '' },
    ],
    [
      'a JSON object in a json code fence with prose around',
      'Sure! Here is my turn:\n```json\n{"thoughts": "Find the dog.", "actions": [{"API_name": "detect_objects", "API_params": {"image": "image_1", "labels": ["dog"]}}], "value": "Looking."}\n```\nI hope this helps.',
      { thoughts: 'Find the dog.', actions: [detect], value: 'Looking.' },
    ],
    [
      'single-quoted JSON with trailing commas and unquoted keys',
      "{thoughts: 'ok', actions: [{API_name: 'crop', API_params: {box: [0, 0, 0.5, 0.5],},},], value: 'cropped',}",
      {
        thoughts: 'ok',
        actions: [{ API_name: 'crop', API_params: { box: [0, 0, 0.5, 0.5] } }],
        value: 'cropped',
      },
    ],
    [
      'JSON without thoughts and with API_params as a JSON string',
      '{"actions": [{"API_name": "read_text", "API_params": "{\\"image\\": \\"image_1\\"}"}], "value": ""}',
      { thoughts: '', actions: [{ API_name: 'read_text', API_params: { image: 'image_1' } }], value: '' },
    ],
    [
      'JSON keyed with the marker words and a single action object',
      '{"thoughts🤔": "t", "actions🚀": {"API_name": "rotate", "API_params": {"angle": 90}}, "value👉": 4}',
      { thoughts: 't', actions: [{ API_name: 'rotate', API_params: { angle: 90 } }], value: '4' },
    ],
    [
      'Python-style literals and null actions',
      "{'thoughts': None, 'actions': None, 'value': 'done'}",
      { thoughts: '', actions: [], value: 'done' },
    ],
    [
      'a non-turn object before the turn',
      'Input was {"image": "image_1"}; my turn: {"value": "hi", "actions": []}',
      { thoughts: '', actions: [], value: 'hi' },
    ],
    [
      'a turn whose value holds the markers',
      '"thoughts🤔" t\n"actions🚀" [{"API_name": "x", "API_params": {"note": "value👉 inside"}}]\n"value👉" a "thoughts🤔" b',
      {
        thoughts: 't',
        actions: [{ API_name: 'x', API_params: { note: 'value👉 inside' } }],
        value: 'a "thoughts🤔" b',
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(parseTurn(text)).toEqual(expected);
  });
});

describe('parseTurn refuses what it cannot read', () => {
  it.each([
    ['plain prose', 'The dog is on the left.', 'no turn found'],
    ['an empty string', '', 'no turn found'],
    ['an object that is no turn', '{"answer": 42}', 'no turn found'],
    [
      'a cut-off JSON turn',
      '{"thoughts": "t", "actions": [{"API_name": "x", "API_params": {"value": 1}',
      'not readable',
    ],
    [
      'broken actions after the marker',
      '"thoughts🤔" t\n"actions🚀" [{"API_name": \n"value👉" v',
      'not a readable JSON array',
    ],
    ['a bad tool name', '"actions🚀" [{"API_name": "grounding dino"}]', 'actions[0].API_name must be'],
    ['a missing tool name', '{"actions": [{"API_params": {}}]}', 'it is missing'],
    [
      'params that are a list',
      '{"actions": [{"API_name": "x", "API_params": [1]}]}',
      'actions[0].API_params must be',
    ],
    ['actions that are a number', '"actions🚀" 5', 'actions must be a list'],
    [
      'actions that are not JSON text',
      '{"actions": "call the detector"}',
      'actions is a string that is not readable JSON',
    ],
  ])('%s', (_name, text, problem) => {
    const error = parseError(text);
    expect(error.message).toContain(problem);
    expect(isMmskillsError(error, 'invalid_turn')).toBe(true);
  });

  it('quotes the offending excerpt, cut to about 200 characters', () => {
    const error = parseError(`nothing here ${'x'.repeat(1000)}`);
    expect(error.excerpt).toBe(`nothing here ${'x'.repeat(187)}…`);
    expect(error.message).toContain(JSON.stringify(error.excerpt));
  });

  it('refuses values that are not text', () => {
    expect(parseError(42 as unknown as string).message).toBe('a turn must be text (near "number")');
    expect(parseError(Object.create(null) as string).excerpt).toBe('object');
  });
});

describe('parseTurn on large and hostile input', () => {
  it.each([
    ['deep nesting', `{"actions": ${'['.repeat(500_000)}`],
    ['a megabyte of braces', '{'.repeat(1_000_000)],
    ['a megabyte of unclosed keys', '{"a": '.repeat(170_000)],
    ['a megabyte of turn keys', "{'thoughts': ".repeat(80_000)],
    ['a megabyte of unterminated strings', '{"a": "x'.repeat(125_000)],
  ])('answers %s quickly with a TurnParseError', (_name, text) => {
    const started = performance.now();
    expect(parseError(text)).toBeInstanceOf(TurnParseError);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('reads a megabyte turn', () => {
    const value = 'v'.repeat(1_000_000);
    const started = performance.now();
    expect(parseTurn(`{"thoughts": "t", "actions": [], "value": "${value}"}`).value).toBe(value);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

/** Passes when `text` parses or fails with a TurnParseError; anything else thrown fails the property. */
function parsesOrRefuses(text: string): void {
  try {
    parseTurn(text);
  } catch (error) {
    if (!(error instanceof TurnParseError)) throw error;
  }
}

const modelish = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom(
        '"thoughts🤔" ',
        '"actions🚀" ',
        '"value👉" ',
        'actions🚀',
        '{',
        '}',
        '[',
        ']',
        '"',
        "'",
        ',',
        ':',
        '\\',
        '\\u12',
        '{"API_name": "x", "API_params": ',
        '[{API_name: "y", ',
        'API_params: ',
        '[1]',
        '"{}"',
        'null',
        'thoughts',
        'value',
        'None',
        '1e5',
        '```json\n',
      ),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

const rendered = fc
  .record({
    thoughts: fc.string(),
    actions: fc.array(
      fc.record({
        API_name: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
        API_params: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
      }),
      { maxLength: 3 },
    ),
    value: fc.string(),
  })
  .chain((turn) => {
    const text = renderTurn(turn);
    const json = JSON.stringify(turn);
    return fc.oneof(fc.constant(text), fc.constant(json), fc.constant(`Sure:\n\`\`\`json\n${json}\n\`\`\``));
  });

const oddAction = fc.record(
  {
    API_name: fc.oneof(fc.constantFrom('ocr', ' ocr ', 'bad name', ''), fc.jsonValue()),
    API_params: fc.oneof(fc.jsonValue(), fc.json()),
  },
  { requiredKeys: [] },
);

const oddShapes = fc
  .record(
    {
      thoughts: fc.jsonValue(),
      actions: fc.oneof(
        fc.jsonValue(),
        oddAction,
        fc.array(fc.oneof(oddAction, fc.jsonValue()), { maxLength: 3 }),
      ),
      value: fc.jsonValue(),
    },
    { requiredKeys: [] },
  )
  .chain((turn) =>
    fc.constantFrom(
      JSON.stringify(turn),
      `"thoughts🤔" t\n"actions🚀" ${JSON.stringify(turn.actions ?? null)}\n"value👉" v`,
    ),
  );

const mutated = rendered.chain((text) =>
  fc.oneof(
    fc.nat(text.length).map((cut) => text.slice(0, cut)),
    fc.array(fc.nat(Math.max(0, text.length - 1)), { minLength: 1, maxLength: 5 }).map((drops) => {
      const dropped = new Set(drops);
      return [...text].filter((_, index) => !dropped.has(index)).join('');
    }),
    fc
      .tuple(fc.nat(text.length), modelish)
      .map(([at, insert]) => text.slice(0, at) + insert + text.slice(at)),
  ),
);

describe('parseTurn throws nothing but TurnParseError', () => {
  it.each([
    ['ASCII strings', fc.string()],
    ['arbitrary Unicode', fc.string({ unit: 'binary' })],
    [
      'UTF-16 code units, lone surrogates included',
      fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)) }),
    ],
    ['model-like fragments', modelish],
    ['turns of odd shapes', oddShapes],
    ['cut, thinned and spliced renders', mutated],
  ])('on %s', (_name, texts) => {
    fc.assert(fc.property(texts, parsesOrRefuses), { numRuns: 1000 });
  });
});
