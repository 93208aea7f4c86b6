import { describe, expect, it } from 'vitest';
import { canonicalJson, compareActions, formatTable, summarise } from './metrics.js';

const read = (params: Record<string, unknown>) => ({ API_name: 'read_text', API_params: params });
const always = () => true;

describe('compareActions', () => {
  it('matches arguments whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    const result = compareActions(
      [read({ image: 'image_1', min_confidence: 0.9 })],
      [read({ min_confidence: 0.9, image: 'image_1' })],
      always,
    );
    expect(result).toEqual({ selection: true, nameMatch: true, paramsMatch: true, validActions: 1 });
  });

  it('tells a right tool with wrong arguments from a wrong tool and from an unreadable reply', () => {
    expect(compareActions([read({ image: 'image_1' })], [read({ image: 'image_2' })], always)).toMatchObject({
      selection: true,
      nameMatch: true,
      paramsMatch: false,
    });
    expect(compareActions([read({})], [{ API_name: 'crop', API_params: {} }], () => false)).toEqual({
      selection: false,
      nameMatch: false,
      paramsMatch: false,
      validActions: 0,
    });
    expect(compareActions([], [], always)).toMatchObject({ selection: true, paramsMatch: true });
    expect(compareActions([], undefined, always)).toMatchObject({ selection: false, validActions: 0 });
  });

  it('summarises into rates and a table', () => {
    const base = { id: 'a', skill: 'ocr', expected: [read({})] };
    const scores = summarise([
      {
        ...base,
        predicted: [read({})],
        selection: true,
        nameMatch: true,
        paramsMatch: true,
        validActions: 1,
      },
      {
        ...base,
        predicted: [read({}), read({})],
        selection: true,
        nameMatch: false,
        paramsMatch: false,
        validActions: 1,
      },
      { ...base, selection: false, nameMatch: false, paramsMatch: false, validActions: 0 },
    ]);
    expect(scores).toEqual({
      samples: 3,
      toolSelection: 2 / 3,
      argumentValidity: 2 / 3,
      apiNameMatch: 1 / 3,
      apiParamsMatch: 1 / 3,
      predictedActions: 3,
      validActions: 2,
      unreadable: 1,
    });
    expect(formatTable({ ocr: scores }, scores).split('\n')[1]).toMatch(
      /^ocr\s+3\s+66\.7%\s+66\.7%\s+33\.3%\s+33\.3%\s+1$/,
    );
  });
});
