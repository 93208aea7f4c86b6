import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BUILTIN_SKILLS } from '@mmskills/core';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { describe, expect, it } from 'vitest';

const schemaText = readFileSync(new URL('./oracle/server.schema.json', import.meta.url));
const schema = JSON.parse(schemaText.toString('utf8')) as Record<string, unknown>;
// The MCP SDK's own validator: ajv (draft-07, the schema's dialect) with ajv-formats.
const validate = new AjvJsonSchemaValidator().getValidator(schema);

const serverJson = (skill: string) =>
  JSON.parse(readFileSync(new URL(`../../skills/${skill}/server.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

describe("built-in skills' server.json against the official registry schema (2025-12-11)", () => {
  it('uses the vendored schema unchanged (see oracle/README.md)', () => {
    expect(createHash('sha256').update(schemaText).digest('hex')).toBe(
      '3fba09590c99f61735d234822279f4223fab9e300c0a81e81c91ab62a4114de0',
    );
    expect(schema.$id).toBe('https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json');
  });

  it.each([...BUILTIN_SKILLS])('%s/server.json is valid and names that schema', (skill) => {
    const document = serverJson(skill);
    const result = validate(document);
    expect(result.errorMessage).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.$schema).toBe(schema.$id);
  });

  // The same checker must refuse what the official registry refuses, or the passes above mean nothing.
  it.each([
    ['a description over 100 characters', { description: 'x'.repeat(101) }],
    ['a name without a namespace', { name: 'ocr' }],
    [
      'a package pinned to "latest"',
      {
        packages: [{ registryType: 'npm', identifier: 'x', version: 'latest', transport: { type: 'stdio' } }],
      },
    ],
    [
      'a package without a transport',
      { packages: [{ registryType: 'npm', identifier: 'x', version: '1.0.0' }] },
    ],
    ['a website that is not a URI', { websiteUrl: 'not a uri' }],
  ])('refuses %s', (_case, change) => {
    const result = validate({ ...serverJson('image'), ...change });
    expect(result.valid).toBe(false);
    expect(result.errorMessage).toBeTruthy();
  });
});
