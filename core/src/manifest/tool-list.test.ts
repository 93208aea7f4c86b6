import { describe, expect, it } from 'vitest';
import { SkillManifestSchema, ToolDescriptorSchema, ToolListLimits, ToolListSchema } from './tool-list.js';

const readText = {
  name: 'read_text',
  title: 'Read text',
  description: 'Reads the printed text in an image, line by line, with boxes.',
  inputSchema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { image: { type: 'string', description: 'data: URI or path' } },
    required: ['image'],
    additionalProperties: false,
  },
  outputSchema: { type: 'object', properties: { lines: { type: 'array' } } },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

function paths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
}

describe('ToolDescriptorSchema', () => {
  it('accepts a full descriptor and keeps extra JSON Schema keywords', () => {
    const parsed = ToolDescriptorSchema.parse(readText);
    expect(parsed.inputSchema.additionalProperties).toBe(false);
    expect(parsed.inputSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(parsed.annotations?.readOnlyHint).toBe(true);
  });

  it.each([
    ['name with a space', { name: 'read text' }, 'name'],
    ['name of 65 characters', { name: 'a'.repeat(65) }, 'name'],
    ['empty name', { name: '' }, 'name'],
    ['empty description', { description: '' }, 'description'],
    ['inputSchema of type string', { inputSchema: { type: 'string' } }, 'inputSchema.type'],
    ['inputSchema without type', { inputSchema: { properties: {} } }, 'inputSchema.type'],
    ['inputSchema that is an array', { inputSchema: [] }, 'inputSchema'],
    ['outputSchema not an object schema', { outputSchema: { type: 'array' } }, 'outputSchema.type'],
    ['non-boolean hint', { annotations: { readOnlyHint: 'yes' } }, 'annotations.readOnlyHint'],
  ])('refuses a %s', (_label, patch, path) => {
    expect(paths(ToolDescriptorSchema.safeParse({ ...readText, ...patch }))).toEqual([path]);
  });

  it('refuses a schema over the size limit', () => {
    const big = 'x'.repeat(ToolListLimits.maxSchemaBytes);
    const result = ToolDescriptorSchema.safeParse({
      ...readText,
      inputSchema: { type: 'object', description: big },
    });
    expect(paths(result)).toEqual(['inputSchema']);
    expect(result.error?.issues[0]?.message).toMatch(/the limit is 65536/);
  });
});

describe('ToolListSchema', () => {
  it('accepts distinct names', () => {
    expect(ToolListSchema.parse([readText, { ...readText, name: 'read_text_fast' }])).toHaveLength(2);
  });

  it('points at the second of two tools with the same name', () => {
    const result = ToolListSchema.safeParse([readText, { ...readText, name: 'crop' }, readText]);
    expect(paths(result)).toEqual(['2.name']);
    expect(result.error?.issues[0]?.message).toBe('duplicate tool name "read_text"');
  });

  it('refuses more tools than the limit', () => {
    const tools = Array.from({ length: ToolListLimits.maxTools + 1 }, (_, i) => ({
      ...readText,
      name: `t${i}`,
    }));
    expect(paths(ToolListSchema.safeParse(tools))).toEqual(['']);
  });
});

describe('SkillManifestSchema', () => {
  it('combines server.json and tools', () => {
    const manifest = SkillManifestSchema.parse({
      server: { name: 'io.github.mmskills/ocr', description: 'Reads text', version: '0.1.0' },
      tools: [readText],
    });
    expect(manifest.tools[0]?.name).toBe('read_text');
    expect(paths(SkillManifestSchema.safeParse({ server: manifest.server }))).toEqual(['tools']);
  });
});
