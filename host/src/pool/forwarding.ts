import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/client';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/core';
import { type JsonSource, parseKeepingLong, type RawString, serialise } from './raw-json.js';

const marked = new WeakSet<object>();
// What each skill answered to a forwarded call, by the call's arguments, until the caller takes it.
const answered = new WeakMap<object, Record<string, unknown>>();

/**
 * Marks the arguments of a `tools/call` the gateway passes on: the skill's transport writes their
 * long strings as they came and keeps those of the answer's result as {@link RawString}s.
 */
export function forwardedArguments<T extends object>(args: T): T {
  marked.add(args);
  return args;
}

/**
 * The result the skill answered to the forwarded call made with `args`, its long strings as
 * {@link RawString}s; taken once. The MCP client itself was handed the same result with no
 * content: a 2026-era client checks every result against the spec's schema, which a RawString
 * fails, and a picture checked is a picture decoded.
 */
export function takeForwardedResult(args: object): Record<string, unknown> | undefined {
  const result = answered.get(args);
  answered.delete(args);
  return result;
}

// The marked arguments of a `tools/call`, or undefined for any other message.
function forwardedArgs(message: JSONRPCMessage): object | undefined {
  const args = 'method' in message && message.method === 'tools/call' && message.params?.arguments;
  return 'id' in message && args && typeof args === 'object' && marked.has(args) ? args : undefined;
}

/** Whether `message` is a `tools/call` whose arguments were marked by {@link forwardedArguments}. */
export function isForwardedCall(message: JSONRPCMessage): boolean {
  return forwardedArgs(message) !== undefined;
}

/**
 * The requests to one skill whose answers keep their long strings: the transport adds each marked
 * call it sends and drops it when answered or cancelled.
 */
export class ForwardedCalls {
  private readonly calls = new Map<RequestId, object>();

  /**
   * `message` as JSON pieces, noting a marked call or a cancellation as it goes out. With
   * `strict`, a kept string holding a raw control character (JSON forbids them, so the skill's
   * JSON.parse would fail) throws instead.
   */
  outgoing(message: JSONRPCMessage, strict = false): Array<string | RawString> {
    const pieces = serialise(message);
    if (strict && pieces.some((piece) => typeof piece !== 'string' && piece.hasControlCharacter())) {
      throw new Error('an argument holds a control character, which a JSON string may not hold raw');
    }
    this.note(message);
    return pieces;
  }

  /** Notes a marked call, or the cancellation of one, going out. */
  note(message: JSONRPCMessage): void {
    if ('method' in message && message.method === 'notifications/cancelled') {
      this.calls.delete((message.params as { requestId: RequestId }).requestId);
    }
    const args = forwardedArgs(message);
    if (args) this.calls.set((message as { id: RequestId }).id, args);
  }

  /** Whether `id` is a marked call still waiting for its answer. */
  has(id: RequestId): boolean {
    return this.calls.has(id);
  }

  /**
   * One message from the skill. An answer to a marked call keeps its result's long strings, set
   * aside for {@link takeForwardedResult}, and reaches the client without its content; anything
   * else is read whole, as the SDK's client expects it.
   */
  incoming(source: JsonSource): JSONRPCMessage {
    const parsed = parseKeepingLong(source);
    const value = parsed.value as { jsonrpc?: unknown; id?: RequestId; result?: unknown };
    // An answer (no method: the skill's own requests have ids of their own) to a marked call,
    // checked only as far as the gateway reads it: its client parses the rest.
    const answer =
      value !== null && typeof value === 'object' && !('method' in value) && value.id !== undefined;
    const args = answer ? this.calls.get(value.id as RequestId) : undefined;
    if (args) this.calls.delete(value.id as RequestId);
    if (args && value.jsonrpc === '2.0' && isObject(value.result)) {
      const result = value.result as Record<string, unknown>;
      answered.set(args, result);
      // Only what the client's checks read: any field may hold RawStrings.
      const { resultType, isError } = result;
      const stub = {
        content: [],
        ...(resultType !== undefined && { resultType }),
        ...(isError !== undefined && { isError }),
      };
      return { jsonrpc: '2.0', id: value.id, result: stub } as JSONRPCMessage;
    }
    return JSONRPCMessageSchema.parse(parsed.kept === 0 ? value : JSON.parse(source.toString()));
  }

  clear(): void {
    this.calls.clear();
  }
}

const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);
