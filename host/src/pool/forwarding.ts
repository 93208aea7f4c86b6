import {
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { type JsonSource, parseKeepingLong, type RawString, serialise } from './raw-json.js';

const marked = new WeakSet<object>();

/**
 * Marks the arguments of a `tools/call` the gateway passes on: the skill's transport writes their
 * long strings as they came and keeps those of the answer's result as {@link RawString}s.
 */
export function forwardedArguments<T extends object>(args: T): T {
  marked.add(args);
  return args;
}

/** Whether `message` is a `tools/call` whose arguments were marked by {@link forwardedArguments}. */
export function isForwardedCall(message: JSONRPCMessage): boolean {
  const args = 'method' in message && message.method === 'tools/call' && message.params?.arguments;
  return 'id' in message && Boolean(args) && typeof args === 'object' && marked.has(args as object);
}

/**
 * The requests to one skill whose answers keep their long strings: the transport adds each marked
 * call it sends and drops it when answered or cancelled.
 */
export class ForwardedCalls {
  private readonly ids = new Set<RequestId>();

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
      this.ids.delete((message.params as { requestId: RequestId }).requestId);
    }
    if (isForwardedCall(message)) this.ids.add((message as { id: RequestId }).id);
  }

  /** Whether `id` is a marked call still waiting for its answer. */
  has(id: RequestId): boolean {
    return this.ids.has(id);
  }

  /**
   * One message from the skill. An answer to a marked call keeps its result's long strings;
   * anything else is read whole, as the SDK's client expects it.
   */
  incoming(source: JsonSource): JSONRPCMessage {
    const parsed = parseKeepingLong(source);
    const value = parsed.value as { jsonrpc?: unknown; id?: RequestId; result?: unknown };
    // An answer (no method: the skill's own requests have ids of their own) to a marked call,
    // checked only as far as the gateway reads it: its client parses the rest.
    const answer =
      value !== null && typeof value === 'object' && !('method' in value) && value.id !== undefined;
    if (
      answer &&
      this.ids.delete(value.id as RequestId) &&
      value.jsonrpc === '2.0' &&
      isObject(value.result)
    ) {
      return value as JSONRPCMessage;
    }
    return JSONRPCMessageSchema.parse(parsed.kept === 0 ? value : JSON.parse(source.toString()));
  }

  clear(): void {
    this.ids.clear();
  }
}

const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);
