import { type CallToolResult, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';

/**
 * How a call failed at the transport: `unreached` when it never got to the skill (nothing
 * listened, the process was gone before the call was written), so it may be sent to another
 * replica; `lost` when the skill went away while the call was with it, so it may have run.
 */
export type CallFailure = 'unreached' | 'lost';

// Errors before a byte of the request was taken: a refused or unroutable connection, a pipe
// whose reader had already gone.
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
// Whole messages of our transports (stdio-client.ts, http-client.ts), node:http and undici's
// fetch: whole, so that an error answer quoting one is not taken for it.
const NOT_RUNNING = /^the skill process is not running$/;
const WENT_AWAY =
  /^(?:the connection to the skill closed before it answered|socket hang up|other side closed|terminated|fetch failed)$/;

/** What kind of transport failure `error` is, or undefined for any other error (a tool error, a timeout). */
export function transportFailure(error: unknown): CallFailure | undefined {
  const chain = causes(error);
  if (chain.some((cause) => NEVER_SENT.has(String(cause.code)) || NOT_RUNNING.test(cause.message))) {
    return 'unreached';
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) return 'lost';
  if (chain.some((cause) => cause.code === 'ECONNRESET' || WENT_AWAY.test(cause.message))) return 'lost';
  return undefined;
}

function causes(error: unknown): Array<{ code?: unknown; message: string }> {
  const chain: Array<{ code?: unknown; message: string }> = [];
  for (let at = error; at instanceof Error && chain.length < 8; at = at.cause) {
    chain.push({ code: (at as NodeJS.ErrnoException).code, message: at.message });
  }
  return chain;
}

export function isTimeout(error: unknown): boolean {
  return error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout;
}

export function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

/** What a failed call's result says: cancelled, timed out, never reached the skill, or lost with it. */
export function failureText(call: {
  tool: string;
  skill: string;
  error: unknown;
  signal?: AbortSignal;
  failure?: CallFailure;
  timeoutMs?: number;
  /** Whether the host restarts the skill (a process) rather than probing it (a URL). */
  restarts?: boolean;
}): string {
  const { tool, skill, failure } = call;
  const message = (call.error as Error).message;
  if (call.signal?.aborted) return `${tool} was cancelled`;
  if (isTimeout(call.error)) return `${tool} on skill ${skill} timed out after ${call.timeoutMs} ms`;
  if (failure === 'unreached') return `${tool} could not reach skill ${skill}: ${message}`;
  if (failure === 'lost') {
    // Tools are not assumed idempotent: a call the skill may have run is not sent again.
    const how = call.restarts ? 'it is being restarted' : 'it is probed until it answers';
    return `skill ${skill} stopped during the call to ${tool} (${message}); the call may have run, so it was not sent again; ${how}, try again`;
  }
  return `${tool} on skill ${skill} failed: ${message}`;
}
