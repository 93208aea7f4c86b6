import { describe, expect, it } from 'vitest';
import { isMmskillsError } from '../errors.js';
import {
  assertSkillManifest,
  validateServerJson,
  validateSkillManifest,
  validateToolList,
} from './validate.js';

const server = {
  name: 'io.github.mmskills/ocr',
  description: 'Reads printed text in images.',
  version: '0.1.0',
  packages: [
    {
      registryType: 'npm',
      identifier: '@mmskills/skill-ocr',
      version: '0.1.0',
      transport: { type: 'stdio' },
    },
  ],
};

const tool = {
  name: 'read_text',
  description: 'Reads text.',
  inputSchema: { type: 'object', properties: { image: { type: 'string' } }, required: ['image'] },
};

function pointers(result: { ok: boolean; issues?: { pointer: string }[] }): string[] {
  return result.ok ? [] : (result.issues ?? []).map((issue) => issue.pointer);
}

describe('validateServerJson', () => {
  it('returns the parsed value when valid', () => {
    const result = validateServerJson(server);
    expect(result).toEqual({ ok: true, value: server });
  });

  it.each([
    [{ ...server, name: 'ocr' }, '/name'],
    [{ ...server, description: 'd'.repeat(101) }, '/description'],
    [{ ...server, version: 'latest' }, '/version'],
    [{ ...server, version: '^1.0.0' }, '/version'],
    [
      { ...server, packages: [{ ...server.packages[0], transport: { type: 'ws' } }] },
      '/packages/0/transport/type',
    ],
  ])('names the pointer of the problem (%#)', (value, pointer) => {
    expect(pointers(validateServerJson(value))).toEqual([pointer]);
  });

  it('points at the root for a non-object', () => {
    expect(pointers(validateServerJson('server'))).toEqual(['']);
  });

  it('points into nested arrays', () => {
    const value = { ...server, packages: [{ ...server.packages[0], environmentVariables: [{}] }] };
    expect(pointers(validateServerJson(value))).toEqual(['/packages/0/environmentVariables/0/name']);
  });

  it('escapes "/" and "~" in keys', () => {
    const withVariables = {
      ...server,
      packages: [
        {
          ...server.packages[0],
          environmentVariables: [{ name: 'A', variables: { 'a/b~c': { isSecret: 'no' } } }],
        },
      ],
    };
    expect(pointers(validateServerJson(withVariables))).toEqual([
      '/packages/0/environmentVariables/0/variables/a~1b~0c/isSecret',
    ]);
  });
});

describe('validateToolList', () => {
  it('accepts draft-07 and 2020-12 schemas', () => {
    const modern = {
      ...tool,
      name: 'crop',
      inputSchema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { box: { type: 'array', prefixItems: [{ type: 'number' }], items: false } },
        $defs: { unit: { type: 'number' } },
      },
      outputSchema: { type: 'object', properties: { n: { $ref: '#/properties/m' }, m: { type: 'integer' } } },
    };
    expect(validateToolList([tool, modern]).ok).toBe(true);
  });

  it.each([
    [[{ ...tool, name: 'read text' }], '/0/name'],
    [[tool, tool], '/1/name'],
    [[{ ...tool, inputSchema: { type: 'string' } }], '/0/inputSchema/type'],
    [
      [{ ...tool, inputSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } }],
      '/0/inputSchema/properties/a/type',
    ],
    [[{ ...tool, inputSchema: { type: 'object', required: 'image' } }], '/0/inputSchema/required'],
    [
      [tool, { ...tool, name: 't2', outputSchema: { type: 'object', properties: { a: { minimum: 'x' } } } }],
      '/1/outputSchema/properties/a/minimum',
    ],
    [
      [{ ...tool, inputSchema: { type: 'object', properties: { a: { $ref: '#/$defs/missing' } } } }],
      '/0/inputSchema',
    ],
    [
      [
        {
          ...tool,
          inputSchema: { type: 'object', properties: { a: { $ref: 'https://example.com/s.json' } } },
        },
      ],
      '/0/inputSchema',
    ],
    [
      [{ ...tool, inputSchema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' } }],
      '/0/inputSchema/$schema',
    ],
  ])('names the pointer of the problem (%#)', (value, pointer) => {
    expect(pointers(validateToolList(value))).toEqual([pointer]);
  });

  it('says what is wrong with a malformed schema', () => {
    const result = validateToolList([
      { ...tool, inputSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/allowed values \(array, boolean, integer/);
  });

  it('checks schemas that share an $id independently', () => {
    const withId = { type: 'object', $id: 'https://mmskills.dev/input', properties: {} };
    const tools = [
      { ...tool, inputSchema: withId },
      { ...tool, name: 'b', inputSchema: { ...withId, properties: { x: { type: 'string' } } } },
    ];
    expect(validateToolList(tools).ok).toBe(true);
  });
});

describe('validateSkillManifest and assertSkillManifest', () => {
  it('prefixes tool pointers with /tools', () => {
    const manifest = {
      server,
      tools: [{ ...tool, inputSchema: { type: 'object', properties: { a: { type: 1 } } } }],
    };
    expect(pointers(validateSkillManifest(manifest))).toEqual(['/tools/0/inputSchema/properties/a/type']);
  });

  it('returns the manifest when valid', () => {
    expect(assertSkillManifest({ server, tools: [tool] }).tools[0]?.name).toBe('read_text');
  });

  it('throws invalid_manifest listing "pointer: message" lines', () => {
    const bad = { server: { ...server, version: 'latest' }, tools: [{ ...tool, name: 'read text' }] };
    let caught: unknown;
    try {
      assertSkillManifest(bad);
    } catch (error) {
      caught = error;
    }
    expect(isMmskillsError(caught, 'invalid_manifest')).toBe(true);
    const lines = (caught as Error).message.split('\n');
    expect(lines[0]).toBe('invalid skill manifest:');
    expect(lines.slice(1)).toEqual([
      '/server/version: must be an exact version, not "latest"',
      '/tools/0/name: must be 1-64 characters of A-Z, a-z, 0-9, "_" or "-"',
    ]);
  });

  it('shows the root pointer as (root)', () => {
    expect(() => assertSkillManifest(null)).toThrow(/^invalid skill manifest:\n\(root\): /);
  });
});
