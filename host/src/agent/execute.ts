import type { Action } from '@mmskills/core';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { Ajv, type ValidateFunction } from 'ajv';
import type { PoolTool, SkillPool } from '../pool/pool.js';
import { propagateOnly, type Tracing } from '../telemetry/tracing.js';
import type { ImageStore, StoredImage } from './image-store.js';

export interface ActionResult {
  API_name: string;
  /** What the model reads back: the tool's structured output, or an error explanation. */
  output: unknown;
  isError: boolean;
  images: StoredImage[];
  /** Wall time of the tool call, 0 when it never reached a skill. */
  ms: number;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
// A deliberate cache: one compiled validator per tool descriptor object.
const validators = new WeakMap<object, ValidateFunction>();

function validatorFor(tool: PoolTool): ValidateFunction {
  let validate = validators.get(tool.tool);
  if (!validate) {
    validate = ajv.compile(tool.tool.inputSchema);
    validators.set(tool.tool, validate);
  }
  return validate;
}

/** What running a turn's actions needs; `traceparent` is the request's W3C trace context. */
interface ActionContext {
  pool: SkillPool;
  tools: readonly PoolTool[];
  images: ImageStore;
  signal?: AbortSignal;
  /** The span of the message the actions answer; each call is a span under it. */
  traceparent?: string;
  /** Where calls' spans go; by default none are recorded, their context only passed on. */
  tracing?: Tracing;
}

const UNRECORDED = propagateOnly();

/**
 * Runs one turn's actions in parallel. Each is checked against its tool's input schema first;
 * an unknown tool or invalid arguments become an error observation the model can correct.
 */
export function executeActions(actions: readonly Action[], context: ActionContext): Promise<ActionResult[]> {
  return Promise.all(actions.map((action) => executeAction(action, context)));
}

async function executeAction(action: Action, context: ActionContext): Promise<ActionResult> {
  const fail = (error: string): ActionResult => ({
    API_name: action.API_name,
    output: { error },
    isError: true,
    images: [],
    ms: 0,
  });
  const tool = context.tools.find((entry) => entry.name === action.API_name);
  if (!tool) {
    return fail(
      `unknown tool "${action.API_name}"; the tools are: ${context.tools.map((entry) => entry.name).join(', ')}`,
    );
  }
  const validate = validatorFor(tool);
  if (!validate(action.API_params)) {
    const problems = (validate.errors ?? []).map(
      (error) => `${error.instancePath || '(params)'} ${error.message ?? 'is invalid'}`,
    );
    return fail(`invalid API_params for ${action.API_name}: ${problems.join('; ')}`);
  }
  let args: Record<string, unknown>;
  try {
    args = context.images.resolve(action.API_params);
  } catch (error) {
    return fail((error as Error).message);
  }
  const started = performance.now();
  // The skill gets the call's own span as its parent, so its log lines of the call can be found
  // from the request that caused it.
  const span = (context.tracing ?? UNRECORDED).span(`tool ${tool.name}`, context.traceparent, {
    'mmskills.skill': tool.skill,
  });
  const result = await context.pool.call(tool.name, args, context.signal, span.traceparent);
  span.end(result.isError ? 'the tool answered with an error' : undefined);
  return {
    ...toActionResult(action.API_name, result, context.images, tool.skill),
    ms: Math.round(performance.now() - started),
  };
}

function toActionResult(
  name: string,
  result: CallToolResult,
  images: ImageStore,
  skill: string,
): Omit<ActionResult, 'ms'> {
  const text = result.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
  if (result.isError)
    return { API_name: name, output: { error: text || 'the tool failed' }, isError: true, images: [] };
  const stored = result.content.flatMap((block) =>
    block.type === 'image'
      ? [images.add(Buffer.from(block.data, 'base64'), block.mimeType, `${skill}/${name}`)]
      : [],
  );
  const facts = result.structuredContent ?? { text };
  const output = stored.length > 0 ? { ...facts, new_images: stored.map((image) => image.handle) } : facts;
  return { API_name: name, output, isError: false, images: stored };
}
