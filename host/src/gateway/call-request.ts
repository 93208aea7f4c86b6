import { validTraceparent } from '@mmskills/core';
import {
  classifyInboundRequest,
  isJsonContentType,
  type RequestId,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/server';

/** A `tools/call` the gateway forwards itself, as far as forwarding reads it (the skill checks the arguments). */
export interface ToolCall {
  id: RequestId;
  name: string;
  args: Record<string, unknown>;
  progressToken?: string | number;
  traceparent?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

// The revisions the SDK's 2026 entry serves (its list is not exported): the classifier takes any
// envelope claim as modern, and the entry then refuses a revision it does not serve.
const MODERN_REVISIONS: readonly string[] = ['2026-07-28'];

// What a 2026 call's params may hold for the gateway to answer it; anything more (a task, the
// answers to an input request, a request state) is the SDK's.
const MODERN_PARAMS = new Set(['name', 'arguments', '_meta']);

/**
 * Whether the SDK's 2025 session transport would read this POST (its Accept, Content-Type and
 * protocol version): one it would refuse, a tool call or a cancellation, is its to answer.
 */
export function legacyHeadersTaken(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  const version = request.headers.get('mcp-protocol-version');
  return (
    accept.includes('application/json') &&
    accept.includes('text/event-stream') &&
    isJsonContentType(request.headers.get('content-type')) &&
    (version === null || SUPPORTED_PROTOCOL_VERSIONS.includes(version))
  );
}

/**
 * A 2026-07-28 `tools/call` that the SDK's entry would dispatch: classified as a modern request
 * by the SDK's own classifier (its `_meta` envelope valid), its standard headers present and
 * agreeing with the body, its revision one the entry serves. The entry checks nothing else before
 * a tool call reaches the gateway's server (a client capability is required only for other
 * methods; `Mcp-Param-*` headers only for an `McpServer`'s own tools). One asking for progress must
 * accept an event stream, which its answer then is. A request that falls short is left to the
 * SDK, which answers it with the right refusal.
 */
export function modernToolCall(request: Request, value: unknown): ToolCall | undefined {
  const headers = request.headers;
  const protocolVersionHeader = headers.get('mcp-protocol-version') ?? undefined;
  const mcpMethodHeader = headers.get('mcp-method') ?? undefined;
  const mcpNameHeader = headers.get('mcp-name') ?? undefined;
  if (
    mcpMethodHeader !== 'tools/call' ||
    protocolVersionHeader === undefined ||
    !(headers.get('accept') ?? '').includes('application/json') ||
    !isJsonContentType(headers.get('content-type'))
  )
    return undefined;
  // The classifier reads the envelope, never the arguments, but it copies the message in a way
  // that decodes each kept picture (RawString.toJSON): a 1 MiB picture cost 5 ms of CPU and a
  // major GC every few calls. It is shown the call without them.
  if (!isObject(value) || !isObject(value.params)) return undefined;
  const route = classifyInboundRequest({
    httpMethod: 'POST',
    protocolVersionHeader,
    mcpMethodHeader,
    mcpNameHeader,
    body: { ...value, params: { ...value.params, arguments: {} } },
  });
  if (route.kind !== 'modern' || route.messageKind !== 'request') return undefined;
  const revision = route.classification.revision;
  if (revision !== protocolVersionHeader || !MODERN_REVISIONS.includes(revision)) return undefined;
  const call = toolCall(value);
  const params = (value as { params: Record<string, unknown> }).params;
  if (!call || call.name !== mcpNameHeader || Object.keys(params).some((key) => !MODERN_PARAMS.has(key)))
    return undefined;
  if (call.progressToken !== undefined && !(headers.get('accept') ?? '').includes('text/event-stream'))
    return undefined;
  return call;
}

/** The id, tool and arguments of a plain `tools/call` request; a task request is the SDK's. */
export function toolCall(value: unknown): ToolCall | undefined {
  if (!isObject(value) || value.jsonrpc !== '2.0' || value.method !== 'tools/call') return undefined;
  const { id, params } = value;
  if ((typeof id !== 'string' && typeof id !== 'number') || !isObject(params)) return undefined;
  const { name, arguments: args = {}, _meta: meta = {}, task } = params;
  if (typeof name !== 'string' || !isObject(args) || !isObject(meta) || task !== undefined) return undefined;
  const { progressToken } = meta;
  if (progressToken !== undefined && typeof progressToken !== 'string' && typeof progressToken !== 'number')
    return undefined;
  const traceparent = validTraceparent(meta.traceparent);
  return {
    id,
    name,
    args,
    ...(progressToken !== undefined && { progressToken }),
    ...(traceparent && { traceparent }),
  };
}
