import { MmskillsError, MmskillsErrorCode } from '../errors.js';
import { ApiNamePattern } from './turn.js';

/** A tool as the turn schema needs it: its name and the JSON Schema of its arguments. */
export interface TurnSchemaTool {
  name: string;
  inputSchema: Record<string, unknown>;
}

type JsonSchema = Record<string, unknown>;

/** Keywords whose values are data, not schemas, so a `$ref` inside them is left alone. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);
/** Keywords whose values map names to schemas, so their keys are names, never keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/**
 * The JSON Schema (draft 2020-12, self-contained) of a turn whose actions may only call `tools`,
 * each with arguments matching its input schema; with no tools, `actions` must be empty. Properties
 * are listed in render order (thoughts, actions, value) because constrained decoders emit them so.
 * A tool schema's local `$ref`s are rewritten to point at where it now sits.
 * @throws {MmskillsError} `invalid_argument` for a tool name a turn cannot carry, a repeated name,
 * or a `$ref` to another document.
 * @see ARCHITECTURE.md "The unified format"
 */
export function turnJsonSchema(tools: readonly TurnSchemaTool[]): JsonSchema {
  const seen = new Set<string>();
  const variants = tools.map((tool, index) => {
    if (!ApiNamePattern.test(tool.name)) {
      throw new MmskillsError(
        MmskillsErrorCode.InvalidArgument,
        `tool name ${JSON.stringify(tool.name)} is not 1–64 characters of A-Z a-z 0-9 _ -`,
      );
    }
    if (seen.has(tool.name)) {
      throw new MmskillsError(MmskillsErrorCode.InvalidArgument, `tool ${tool.name} is listed twice`);
    }
    seen.add(tool.name);
    const { $schema: _dialect, $id: _id, ...inputSchema } = tool.inputSchema;
    const base = `#/properties/actions/items/anyOf/${index}/properties/API_params`;
    return {
      type: 'object',
      properties: {
        API_name: { const: tool.name },
        API_params: relocateRefs(inputSchema, base, tool.name),
      },
      required: ['API_name', 'API_params'],
      additionalProperties: false,
    };
  });
  return {
    type: 'object',
    properties: {
      thoughts: { type: 'string' },
      actions:
        variants.length === 0
          ? { type: 'array', maxItems: 0 }
          : { type: 'array', items: { anyOf: variants } },
      value: { type: 'string' },
    },
    required: ['thoughts', 'actions', 'value'],
    additionalProperties: false,
  };
}

function relocateRefs(schema: unknown, base: string, tool: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => relocateRefs(item, base, tool));
  if (typeof schema !== 'object' || schema === null) return schema;
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    let relocated: unknown;
    if (key === '$ref' && typeof value === 'string') relocated = relocateRef(value, base, tool);
    else if (DATA_KEYWORDS.has(key)) relocated = value;
    else if (NAME_MAPS.has(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const map: JsonSchema = {};
      for (const [name, sub] of Object.entries(value)) setOwn(map, name, relocateRefs(sub, base, tool));
      relocated = map;
    } else relocated = relocateRefs(value, base, tool);
    setOwn(result, key, relocated);
  }
  return result;
}

function relocateRef(ref: string, base: string, tool: string): string {
  if (ref === '#' || ref.startsWith('#/')) return `${base}${ref.slice(1)}`;
  // "#name" anchors stay valid wherever the schema sits.
  if (ref.startsWith('#')) return ref;
  throw new MmskillsError(
    MmskillsErrorCode.InvalidArgument,
    `tool ${tool} refers to another schema document (${ref}); only local "#…" refs can be embedded`,
  );
}

/** Assigns without letting a "__proto__" property name reach the prototype. */
function setOwn(target: JsonSchema, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
