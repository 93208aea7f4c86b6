import { isMmskillsError, MmskillsErrorCode } from '@mmskills/core';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { AnyToolDefinition, ToolContext, ToolOutput } from './define-tool.js';
import type { ImageStore } from './image-store.js';
import { type ImageBudget, resultImages } from './result-images.js';

/** How a result carries the pictures a tool made. */
export interface ResultImageOptions {
  /** A tool's picture over this fails the call (the limit of a picture it takes). */
  maxImageBytes?: number;
  /** Pictures are sent inline within this, scaled down where larger. */
  budget?: ImageBudget;
  /** Where each picture is kept at full size for a `resource_link` (clients that know them). */
  store?: ImageStore;
}

const NO_BUDGET: ImageBudget = { maxSide: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY };

/**
 * Runs one tool call and turns every outcome into a `CallToolResult`: bad arguments, bad
 * images and model failures become `isError` results with a message a person can act on.
 */
export async function callTool(
  tool: AnyToolDefinition,
  args: unknown,
  context: ToolContext,
  { maxImageBytes = Number.POSITIVE_INFINITY, budget = NO_BUDGET, store }: ResultImageOptions = {},
): Promise<CallToolResult> {
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) {
    return errorResult(`Invalid arguments for ${tool.name}: ${describeIssues(parsed.error)}`);
  }
  let output: ToolOutput<unknown>;
  try {
    output = await tool.run(parsed.data, context);
  } catch (error) {
    return failureResult(tool.name, error, context);
  }
  const checked = tool.output.safeParse(output.structured);
  if (!checked.success) {
    context.log.error('tool produced output outside its schema', {
      tool: tool.name,
      issues: describeIssues(checked.error),
    });
    return errorResult(`Internal error in ${tool.name}: it produced malformed output (logged on the server)`);
  }
  const structured = checked.data as Record<string, unknown>;
  // A picture a tool makes is held to the limit of a picture it takes: whoever reads the result
  // (the host, a client over stdio) must not be handed hundreds of megabytes by one small request.
  const oversized = (output.images ?? []).find((image) => image.data.length > maxImageBytes);
  if (oversized) {
    return errorResult(
      `${tool.name} made a ${formatMegabytes(oversized.data.length)} picture, over the ${formatMegabytes(maxImageBytes)} ` +
        'limit of one image; ask for fewer pixels, or a compressed format (jpeg, webp) where the tool offers one',
    );
  }
  return {
    content: [
      { type: 'text', text: output.text ?? JSON.stringify(structured) },
      ...(await resultImages(output.images ?? [], budget, store)),
    ],
    structuredContent: structured,
  };
}

const CALLER_CODES: ReadonlySet<string> = new Set([
  MmskillsErrorCode.InvalidArgument,
  MmskillsErrorCode.InvalidImage,
  MmskillsErrorCode.ImageTooLarge,
  MmskillsErrorCode.ImageSourceForbidden,
  MmskillsErrorCode.ImageNotFound,
  MmskillsErrorCode.ModelNotFound,
]);

function failureResult(toolName: string, error: unknown, context: ToolContext): CallToolResult {
  if (context.signal.aborted) return errorResult(`${toolName} was cancelled`);
  if (isMmskillsError(error) && CALLER_CODES.has(error.code)) return errorResult(error.message);
  const message = error instanceof Error ? error.message : String(error);
  context.log.error('tool failed', { tool: toolName, error: message });
  // Internal failures never claim to be the client's fault.
  return errorResult(`${toolName} failed on the server: ${message}`);
}

const formatMegabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** One line per zod issue, each prefixed with the JSON pointer of the offending value. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? `/${issue.path.join('/')}` : '(arguments)'}: ${issue.message}`)
    .join('; ');
}
