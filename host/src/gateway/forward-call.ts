import { CancelledNotificationSchema } from '@modelcontextprotocol/core';
import type { Implementation, RequestId } from '@modelcontextprotocol/server';
import type { PoolTool, SkillPool } from '../pool/pool.js';
import { parseKeepingLong } from '../pool/raw-json.js';
import { legacyHeadersTaken, modernToolCall, type ToolCall, toolCall } from './call-request.js';
import { eventStream, jsonResponse, type ProgressFeed, progressFeed } from './call-response.js';
import { asEvent, errorMessage, resultMessage, stampModernResult } from './forwarded-result.js';

export interface CallForwarderOptions {
  pool: SkillPool;
  /** The tools the gateway offers (a call to another is the SDK's to refuse). */
  exposed: () => Promise<PoolTool[]>;
  maxPictureBytes: number;
  /** The gateway's identity, on 2026 results that carry none of their own. */
  serverInfo: Implementation;
}

/**
 * The gateway's own answer to a `tools/call` of a tool it has, in either era: the body is read
 * once, the call passed to the pool with its long strings (pictures as base64) as the bytes the
 * client sent, and the skill's result written back as the bytes the skill answered. None of it is
 * decoded, copied or validated again on the way (the SDK's server and client each parse a result
 * and check its pictures' base64 by decoding them; the 2026 entry's per-request server also
 * decodes and re-escapes each one to serialise it). 2025 cancellations of those calls are handled
 * here too; a 2026 call is cancelled by its client closing the request. Anything else (other
 * methods, batches, headers, bodies or envelopes the SDK refuses, unknown tools, tasks) is left
 * to the SDK's transports and the gateway's server, which answer as before.
 */
export function callForwarder({ pool, exposed, maxPictureBytes, serverInfo }: CallForwarderOptions) {
  // 2025 calls by the id their session gave them; 2026 calls, which have no session, as a set.
  const running = new Map<RequestId, AbortController>();
  const inFlight = new Set<AbortController>();
  let closed = false;
  const stampModern = stampModernResult(serverInfo);

  const parse = (body: Buffer): unknown => {
    try {
      return parseKeepingLong(body).value;
    } catch {
      return undefined;
    }
  };
  const offered = async (call: ToolCall | undefined) =>
    call !== undefined && (await exposed()).some((entry) => entry.qualifiedName === call.name);

  /** Runs the call; resolves to its answer's JSON-RPC message, or to none when it was cancelled. */
  const run = (call: ToolCall, signal: AbortSignal, era: 'legacy' | 'modern', progress?: ProgressFeed) =>
    pool
      .forward(call.name, call.args, signal, {
        ...(progress && { onprogress: progress.onprogress }),
        ...(call.traceparent && { traceparent: call.traceparent }),
      })
      .then(
        (result) =>
          resultMessage(
            call.name,
            call.id,
            result,
            maxPictureBytes,
            era === 'modern' ? stampModern : undefined,
          ),
        (error: unknown) => errorMessage(call.id, error),
      )
      // A cancelled call is not answered, as the SDK's server leaves it.
      .then((message) => (signal.aborted ? [] : message));

  const events = (message: Promise<Buffer[]>) =>
    message.then((parts) => (parts.length === 0 ? [] : asEvent(parts)));

  /** A POST of a 2025 session: a tool call or a cancellation of one. */
  const forward = async (
    request: Request,
    body: Buffer,
    sessionId: string,
  ): Promise<Response | undefined> => {
    if (!legacyHeadersTaken(request)) return undefined;
    const value = parse(body) as { method?: unknown } | undefined;
    if (value?.method === 'notifications/cancelled') {
      const cancelled = CancelledNotificationSchema.safeParse(value);
      const controller = cancelled.success ? running.get(cancelled.data.params.requestId ?? '') : undefined;
      controller?.abort(cancelled.data?.params.reason);
      return controller ? new Response(null, { status: 202 }) : undefined;
    }
    const call = toolCall(value);
    if (!call || running.has(call.id) || !(await offered(call))) return undefined;
    const controller = new AbortController();
    running.set(call.id, controller);
    // The skill's progress, under the client's token, on the call's own stream before its result.
    const progress = call.progressToken === undefined ? undefined : progressFeed(call.progressToken);
    const message = run(call, controller.signal, 'legacy', progress).finally(() => running.delete(call.id));
    return eventStream({ 'mcp-session-id': sessionId }, events(message), progress);
  };

  /** A 2026 POST: a tool call, answered as JSON, or as events when the client asked for progress. */
  const forwardModern = async (request: Request, body: Buffer): Promise<Response | undefined> => {
    if (closed) return undefined;
    const call = modernToolCall(request, parse(body));
    if (!call || !(await offered(call))) return undefined;
    // A client gone before this point has nobody to answer; the skill is not asked.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    const controller = new AbortController();
    inFlight.add(controller);
    const stop = () => controller.abort(request.signal.reason);
    request.signal.addEventListener('abort', stop, { once: true });
    const progress = call.progressToken === undefined ? undefined : progressFeed(call.progressToken);
    const message = run(call, controller.signal, 'modern', progress).finally(() => {
      request.signal.removeEventListener('abort', stop);
      inFlight.delete(controller);
    });
    if (progress) return eventStream({}, events(message), progress);
    // Cancelled (the client went, or the host is closing): no body, as the SDK's entry answers.
    return jsonResponse(message, () => new Response(null, { status: 499 }));
  };

  return {
    forward,
    forwardModern,
    /** Stops the calls in flight, as the SDK's server does for its own when the session closes. */
    close: () => {
      closed = true;
      for (const controller of [...running.values(), ...inFlight]) controller.abort();
    },
  };
}
