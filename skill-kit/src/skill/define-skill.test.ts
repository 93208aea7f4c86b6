import { validateSkillManifest } from '@mmskills/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSkill, registryNameOf } from './define-skill.js';
import { defineTool } from './define-tool.js';
import { skillManifest } from './manifest.js';
import { toolDescriptor } from './tool-descriptor.js';

const hints = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const echo = defineTool({
  name: 'echo_text',
  title: 'Echo text',
  description: 'Repeats the text.',
  input: z.object({ text: z.string().describe('what to repeat'), times: z.number().int().default(1) }),
  output: z.object({ text: z.string() }),
  annotations: hints,
  meta: { examples: [{ request: 'say hi', params: { text: 'hi' } }] },
  async run({ text, times }) {
    return { structured: { text: text.repeat(times) } };
  },
});

describe('defineTool', () => {
  it.each(['Echo', 'echo-text', 'echo__text', '', 'x'.repeat(65)])('refuses the name %j', (name) => {
    expect(() => defineTool({ ...echo, name })).toThrow(TypeError);
  });

  it('refuses an empty description', () => {
    expect(() => defineTool({ ...echo, description: ' ' })).toThrow(/description/);
  });

  it('refuses an example whose API_params its input schema rejects', () => {
    const examples = [
      { request: 'say it twice', API_params: { text: 'hi', times: 'two' }, answer: '{text}' },
    ];
    expect(() => defineTool({ ...echo, examples })).toThrow(
      /example 0 \("say it twice"\) has API_params its input schema refuses: times: /,
    );
  });

  it('refuses an example with a malformed answer template', () => {
    const examples = [{ request: 'say hi', API_params: { text: 'hi' }, answer: 'I said {text' }];
    expect(() => defineTool({ ...echo, examples })).toThrow(/examples\/0\/answer: answer template/);
  });
});

describe('toolDescriptor', () => {
  it('gives input defaults as optional and outputs as required, without $schema', () => {
    const descriptor = toolDescriptor(echo);
    expect(descriptor.inputSchema).toMatchObject({
      type: 'object',
      properties: {
        text: { type: 'string', description: 'what to repeat' },
        times: { type: 'integer', default: 1 },
      },
      required: ['text'],
    });
    expect(descriptor.inputSchema).not.toHaveProperty('$schema');
    expect(descriptor.outputSchema).toMatchObject({ required: ['text'] });
    expect(descriptor._meta).toEqual({ examples: [{ request: 'say hi', params: { text: 'hi' } }] });
  });

  it('publishes examples under _meta["io.mmskills/examples"] beside other metadata', () => {
    const examples = [{ request: 'Say hi.', API_params: { text: 'hi' }, answer: 'I said: {text}' }];
    const descriptor = toolDescriptor(defineTool({ ...echo, examples }));
    expect(descriptor._meta).toEqual({
      examples: [{ request: 'say hi', params: { text: 'hi' } }],
      'io.mmskills/examples': examples,
    });
    expect(toolDescriptor(defineTool({ ...echo, meta: undefined }))).not.toHaveProperty('_meta');
  });
});

describe('defineSkill', () => {
  const base = {
    name: 'echo',
    title: 'Echo',
    description: 'Echoes.',
    version: '0.1.0',
    packageName: '@x/echo',
    tools: [echo],
  };

  it('refuses repeated tools, long descriptions and bad names', () => {
    expect(() => defineSkill({ ...base, tools: [echo, echo] })).toThrow(/repeats tool "echo_text"/);
    expect(() => defineSkill({ ...base, description: 'x'.repeat(101) })).toThrow(/100 characters/);
    expect(() => defineSkill({ ...base, name: 'Echo Skill' })).toThrow(/kebab-case/);
  });

  it('publishes tool icons in the tool list but keeps data: icons out of server.json', () => {
    const icons = [{ src: 'data:image/svg+xml;base64,PHN2Zy8+', mimeType: 'image/svg+xml' as const }];
    const manifest = skillManifest(defineSkill({ ...base, icons, tools: [defineTool({ ...echo, icons })] }));
    expect(manifest.tools[0]?.icons).toEqual(icons);
    // The official server.json takes https icons only.
    expect(manifest.server).not.toHaveProperty('icons');
    const checked = validateSkillManifest(manifest);
    expect(checked.ok && checked.value.tools[0]?.icons).toEqual(icons);
    expect(toolDescriptor(echo)).not.toHaveProperty('icons');
  });

  it('names itself in the mmskills namespace unless told otherwise', () => {
    expect(registryNameOf(defineSkill(base))).toBe('io.github.mmskills/echo');
    const manifest = skillManifest(defineSkill({ ...base, registryName: 'io.github.alice/echo' }));
    expect(manifest.server.name).toBe('io.github.alice/echo');
    expect(manifest.server.packages[0]).toMatchObject({ identifier: '@x/echo', version: '0.1.0' });
  });
});
