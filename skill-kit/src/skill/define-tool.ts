import type { Logger, McpIcon } from '@mmskills/core';
import { type ToolExample, ToolExamplesSchema } from '@mmskills/core';
import type { DecodedImage } from '@mmskills/image';
import type { z } from 'zod';
import { checkIcons } from './svg-icon.js';

/** Hints a client may use to decide how freely to call a tool (MCP `ToolAnnotations`). */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** A picture a tool returns; becomes an MCP `image` content block. */
export interface ToolImage {
  data: Buffer;
  mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
}

/** What a tool's `run` returns: structured facts, pictures, and optionally its own text rendering. */
export interface ToolOutput<Output> {
  structured: Output;
  images?: ToolImage[];
  text?: string;
}

/** Everything a running tool may use besides its arguments. */
export interface ToolContext {
  signal: AbortSignal;
  log: Logger;
  /** Reads and decodes an `image` argument under the server's source policy and limits. */
  loadImage(arg: string): Promise<DecodedImage>;
  /**
   * Says what the call is doing now, e.g. `progress('reading line 3 of 12')`. A client that asked for
   * progress hears it with the next heartbeat (about once a second, from a second into the call), as
   * `"<tool>: <stage>, <n> s"`; stages that end sooner are never sent. A no-op without a progressToken.
   */
  progress(stage: string): void;
  /** The W3C trace context the client sent in the call's `_meta`, for calls this tool makes in turn. */
  traceparent?: string;
}

export interface ToolDefinition<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  name: string;
  title: string;
  description: string;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  /** Pictures a client may show beside the tool (MCP `Tool.icons`); {@link svgIcon} makes one from a shipped SVG. */
  icons?: McpIcon[];
  /** Other metadata published in the tool list's `_meta`. */
  meta?: Record<string, unknown>;
  /** Worked requests, published as `_meta["io.mmskills/examples"]`; the seed of `mmskills data generate`. */
  examples?: ToolExample[];
  run(input: z.output<Input>, context: ToolContext): Promise<ToolOutput<z.input<Output>>>;
}

export type AnyToolDefinition = ToolDefinition<z.ZodObject, z.ZodObject>;

const TOOL_NAME = /^[a-z0-9]+(_[a-z0-9]+)*$/;

/**
 * Declares one MCP tool: zod schemas for its arguments and structured output, and the code
 * that runs it. Names are snake_case `verb_object` so that `<skill>__<tool>` stays valid.
 */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  definition: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> {
  if (!TOOL_NAME.test(definition.name) || definition.name.length > 64) {
    throw new TypeError(`tool name "${definition.name}" must be snake_case, at most 64 characters`);
  }
  if (definition.description.trim() === '') {
    throw new TypeError(`tool "${definition.name}" needs a description`);
  }
  if (definition.icons) checkIcons(`tool "${definition.name}"`, definition.icons);
  if (definition.examples) checkExamples(definition.name, definition.input, definition.examples);
  return definition;
}

function checkExamples(name: string, input: z.ZodObject, examples: ToolExample[]): void {
  const shape = ToolExamplesSchema.safeParse(examples);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    throw new TypeError(`tool "${name}" examples/${issue?.path.join('/')}: ${issue?.message}`);
  }
  examples.forEach((example, index) => {
    const checked = input.safeParse(example.API_params);
    if (!checked.success) {
      const problems = checked.error.issues.map(
        (issue) => `${issue.path.join('.') || '(params)'}: ${issue.message}`,
      );
      throw new TypeError(
        `tool "${name}" example ${index} ("${example.request}") has API_params its input schema refuses: ${problems.join('; ')}`,
      );
    }
  });
}
