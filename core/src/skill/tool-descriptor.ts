import { z } from 'zod';
import { TOOL_EXAMPLES_META_KEY } from '../manifest/tool-examples.js';
import type { AnyToolDefinition } from './define-tool.js';

/** The JSON shape of a tool in `tools/list` and in a published tool list. */
export interface ToolDescriptorJson {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown> & { type: 'object' };
  outputSchema: Record<string, unknown> & { type: 'object' };
  annotations: Record<string, unknown>;
  _meta?: Record<string, unknown>;
}

/** Converts a tool definition into what MCP clients and the registry see. */
export function toolDescriptor(tool: AnyToolDefinition): ToolDescriptorJson {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: objectJsonSchema(tool.input, 'input'),
    outputSchema: objectJsonSchema(tool.output, 'output'),
    annotations: { title: tool.title, ...tool.annotations },
    ...metaOf(tool),
  };
}

function metaOf(tool: AnyToolDefinition): { _meta?: Record<string, unknown> } {
  const meta = {
    ...tool.meta,
    ...(tool.examples && tool.examples.length > 0 ? { [TOOL_EXAMPLES_META_KEY]: tool.examples } : {}),
  };
  return Object.keys(meta).length > 0 ? { _meta: meta } : {};
}

function objectJsonSchema(schema: z.ZodObject, io: 'input' | 'output') {
  // Draft-07 because the SDK's clients validate structured output with ajv's draft-07 default;
  // `$schema` is dropped to keep prompts short.
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    target: 'draft-07',
    unrepresentable: 'any',
  });
  return { ...json, type: 'object' as const };
}
