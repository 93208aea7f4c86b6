import type { McpIcon } from '@mmskills/core';
import { TOOL_EXAMPLES_META_KEY } from '@mmskills/core';
import { z } from 'zod';
import type { AnyToolDefinition } from './define-tool.js';

/** The JSON shape of a tool in `tools/list` and in a published tool list. */
export interface ToolDescriptorJson {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown> & { type: 'object' };
  outputSchema: Record<string, unknown> & { type: 'object' };
  annotations: Record<string, unknown>;
  icons?: McpIcon[];
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
    ...(tool.icons && tool.icons.length > 0 && { icons: tool.icons }),
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
  // JSON Schema 2020-12, the dialect MCP assumes where a schema names none (2025-11-25 on);
  // `$schema` is dropped to keep prompts short.
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return { ...(readableByDraft07(json) as Record<string, unknown>), type: 'object' as const };
}

/**
 * Drops the `items: false` zod puts after a tuple's `prefixItems` where `maxItems` already bounds
 * the tuple: the same constraint in 2020-12, and it keeps the schema true for clients that still
 * validate as draft-07 (SDK 1.x clients' ajv ignores `prefixItems` and would read `items: false`
 * as "no items at all", rejecting every box).
 */
function readableByDraft07(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(readableByDraft07);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, inner]) => [key, readableByDraft07(inner)] as const);
  const node = Object.fromEntries(entries) as Record<string, unknown>;
  const tuple = node.prefixItems;
  if (Array.isArray(tuple) && node.items === false && node.maxItems === tuple.length) delete node.items;
  return node;
}
