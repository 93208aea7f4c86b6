import {
  type JSONRPCMessage,
  type Progress,
  ProtocolError,
  type RequestId,
  SdkError,
  SdkErrorCode,
} from '@modelcontextprotocol/client';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/core';
import { type JsonSource, parseKeepingLong, type RawString, serialise } from './raw-json.js';

/** How one forwarded call runs: what the SDK client's request gave it, kept without the client. */
export interface ForwardCallOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Each progress notification the skill sends for the call (asking it for them). */
  onprogress?: (progress: Progress) => void;
  /** The `_meta` a 2026-07-28 request carries (version, client info, capabilities); none in 2025. */
  envelope?: Record<string, unknown>;
  traceparent?: string;
}

/** A transport to a skill that sends the gateway's calls itself (see {@link ForwardedCalls}). */
export interface CallForwarding {
  forwardCall(
    params: { name: string; arguments: Record<string, unknown> },
    options: ForwardCallOptions,
  ): Promise<Record<string, unknown>>;
}

/** What a transport does for the calls {@link ForwardedCalls} runs on it. */
export interface CallWire {
  /** Writes the request; resolves once written (over HTTP, once its answer has been read). */
  send(message: JSONRPCMessage & { id: RequestId }, pieces: Array<string | RawString>): Promise<void>;
  /** Tells the skill a call was given up on (timed out or cancelled). */
  cancel(id: RequestId, reason: string): void;
}

interface OpenCall {
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
  onprogress?: (progress: Progress) => void;
  restartTimer(): void;
}

/**
 * The gateway's calls to one skill, sent on its transport without the SDK's client: the client
 * kept an id, a timeout, a progress handler and an abort listener for each, and decoded and
 * checked every result against the spec's schema, for a result the gateway only passes on. Here
 * the request goes out as JSON pieces, its pictures as the bytes the client sent, and the answer
 * comes back with its long strings as {@link RawString}s. The ids are strings of their own, so no
 * answer can be taken for one of the SDK client's (numbered) requests on the same transport.
 */
export class ForwardedCalls {
  private readonly calls = new Map<RequestId, OpenCall>();
  private next = 0;

  run(
    params: { name: string; arguments: Record<string, unknown> },
    options: ForwardCallOptions,
    wire: CallWire,
    strict = false,
  ): Promise<Record<string, unknown>> {
    const id = `mmskills-forward-${++this.next}`;
    const meta = {
      ...options.envelope,
      ...(options.traceparent && { traceparent: options.traceparent }),
      ...(options.onprogress && { progressToken: id }),
    };
    const message = {
      jsonrpc: '2.0' as const,
      id,
      method: 'tools/call',
      params: { ...params, ...(Object.keys(meta).length > 0 && { _meta: meta }) },
    };
    const { signal, timeoutMs } = options;
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const settle = () => {
        this.calls.delete(id);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const giveUp = (error: Error) => {
        if (!this.calls.has(id)) return;
        settle();
        wire.cancel(id, error.message);
        reject(error);
      };
      const onAbort = () => giveUp(abortError(signal as AbortSignal));
      const restartTimer = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            giveUp(new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out', { timeout: timeoutMs })),
          timeoutMs,
        );
      };
      this.calls.set(id, {
        resolve: (result) => {
          settle();
          resolve(result);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        ...(options.onprogress && { onprogress: options.onprogress }),
        restartTimer,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      restartTimer();
      let pieces: Array<string | RawString>;
      try {
        pieces = this.outgoing(message, strict);
      } catch (error) {
        this.calls.get(id)?.reject(error as Error);
        return;
      }
      wire.send(message, pieces).catch((error: Error) => this.calls.get(id)?.reject(error));
    });
  }

  /**
   * `message` as JSON pieces. With `strict`, a kept string holding a raw control character (JSON
   * forbids them, so the skill's JSON.parse would fail, and its answer would carry no id) throws.
   */
  outgoing(message: JSONRPCMessage, strict = false): Array<string | RawString> {
    const pieces = serialise(message);
    if (strict && pieces.some((piece) => typeof piece !== 'string' && piece.hasControlCharacter())) {
      throw new Error('an argument holds a control character, which a JSON string may not hold raw');
    }
    return pieces;
  }

  /** Whether call `id` is still waiting for its answer. */
  has(id: RequestId): boolean {
    return this.calls.has(id);
  }

  /** Fails call `id` if it is still open (its HTTP answer held no answer to it, say). */
  fail(id: RequestId, error: Error): void {
    this.calls.get(id)?.reject(error);
  }

  /**
   * One message from the skill: an answer to a forwarded call, or its progress, is taken here
   * (undefined comes back); anything else is read whole, as the SDK's client expects it.
   */
  incoming(source: JsonSource): JSONRPCMessage | undefined {
    const parsed = parseKeepingLong(source);
    if (this.take(parsed.value)) return undefined;
    return JSONRPCMessageSchema.parse(parsed.kept === 0 ? parsed.value : JSON.parse(source.toString()));
  }

  /** Settles the forwarded call that `value` answers, or notes its progress; false when it is no such message. */
  take(value: unknown): boolean {
    if (!isObject(value)) return false;
    if (value.method === 'notifications/progress' && isObject(value.params)) {
      const { progressToken, ...progress } = value.params;
      const call = this.calls.get(progressToken as RequestId);
      if (!call || typeof progress.progress !== 'number') return false;
      // As the SDK's client with resetTimeoutOnProgress: a call that reports progress is alive.
      call.restartTimer();
      call.onprogress?.(progress as Progress);
      return true;
    }
    const call = 'method' in value ? undefined : this.calls.get(value.id as RequestId);
    if (!call) return false;
    const { result, error } = value;
    if (value.jsonrpc === '2.0' && isObject(result)) call.resolve(result);
    else if (isObject(error) && typeof error.code === 'number' && typeof error.message === 'string') {
      call.reject(ProtocolError.fromError(error.code, error.message, error.data));
    } else call.reject(new Error('the skill answered the call with neither a result nor an error'));
    return true;
  }

  /** Fails every open call: the skill went away. */
  close(error = new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed')): void {
    for (const call of [...this.calls.values()]) call.reject(error);
  }
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  return reason instanceof Error ? reason : new SdkError(SdkErrorCode.RequestTimeout, String(reason));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
