import {
  isJsonContentType,
  type Progress,
  type RequestId,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/client';
import { CancelledNotificationSchema } from '@modelcontextprotocol/core';
import type { PoolTool, SkillPool } from '../pool/pool.js';
import { parseKeepingLong } from '../pool/raw-json.js';
import { resultEvent } from './forwarded-result.js';

// A call still running after this gets its headers sent, and then a comment every KEEP_ALIVE_MS.
const STREAM_AFTER_MS = 5_000;
const WHOLE_BELOW = 64 * 1024;
const KEEP_ALIVE_MS = 15_000;

/**
 * The gateway's own answer to a `tools/call` of a tool it has: the body is read once, the call
 * passed to the pool with its long strings (pictures as base64) as the bytes the client sent,
 * and the skill's result written back as the bytes the skill answered. None of it is decoded,
 * copied or validated again on the way (the SDK's server and client each parse a result and
 * check its pictures' base64 by decoding them). Cancellations of those calls are handled here
 * too; anything else (other methods, batches, headers or bodies the SDK refuses, unknown tools,
 * tasks) is left to the SDK's transport and the gateway's server, which answer as before.
 */
export function callForwarder(pool: SkillPool, exposed: () => Promise<PoolTool[]>, maxPictureBytes: number) {
  const running = new Map<RequestId, AbortController>();

  const forward = async (
    request: Request,
    body: Buffer,
    sessionId: string,
  ): Promise<Response | undefined> => {
    if (!acceptable(request)) return undefined;
    let value: { method?: unknown } | null;
    try {
      value = parseKeepingLong(body).value as typeof value;
    } catch {
      return undefined;
    }
    if (value?.method === 'notifications/cancelled') {
      const cancelled = CancelledNotificationSchema.safeParse(value);
      const controller = cancelled.success ? running.get(cancelled.data.params.requestId ?? '') : undefined;
      controller?.abort(cancelled.data?.params.reason);
      return controller ? new Response(null, { status: 202 }) : undefined;
    }
    const call = toolCall(value);
    if (!call) return undefined;
    const { id, name, args, progressToken } = call;
    if (running.has(id) || !(await exposed()).some((entry) => entry.qualifiedName === name)) return undefined;
    const controller = new AbortController();
    running.set(id, controller);
    // The skill's progress, under the client's token, on the call's own stream before its result.
    const progress = progressToken === undefined ? undefined : progressFeed(progressToken);
    const events = pool
      .forward(name, args, controller.signal, progress ? { onprogress: progress.onprogress } : {})
      .finally(() => running.delete(id))
      .then((result) => {
        // A cancelled call is not answered, as the SDK's server leaves it.
        return controller.signal.aborted ? [] : resultEvent(name, id, result, maxPictureBytes);
      });
    return respond(sessionId, events, progress);
  };

  return {
    forward,
    /** Stops the calls in flight, as the SDK's server does for its own when the session closes. */
    close: () => {
      for (const controller of running.values()) controller.abort();
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The id, tool and arguments of a plain `tools/call` request, checked as far as forwarding reads
 * it (the skill checks the arguments); anything else, a task request included, is the SDK's.
 */
function toolCall(
  value: unknown,
):
  | { id: RequestId; name: string; args: Record<string, unknown>; progressToken?: string | number }
  | undefined {
  if (!isObject(value) || value.jsonrpc !== '2.0' || value.method !== 'tools/call') return undefined;
  const { id, params } = value;
  if ((typeof id !== 'string' && typeof id !== 'number') || !isObject(params)) return undefined;
  const { name, arguments: args = {}, _meta: meta = {}, task } = params;
  if (typeof name !== 'string' || !isObject(args) || !isObject(meta) || task !== undefined) return undefined;
  const { progressToken } = meta;
  if (progressToken !== undefined && typeof progressToken !== 'string' && typeof progressToken !== 'number')
    return undefined;
  return { id, name, args, ...(progressToken !== undefined && { progressToken }) };
}

/** Progress for one call, as SSE events: kept until the response's stream takes them, then written at once. */
interface ProgressFeed {
  onprogress(progress: Progress): void;
  attach(write: (chunk: Buffer) => void): void;
}

function progressFeed(progressToken: string | number): ProgressFeed {
  let write: ((chunk: Buffer) => void) | undefined;
  const waiting: Buffer[] = [];
  return {
    onprogress(progress) {
      const notification = {
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { ...progress, progressToken },
      };
      const chunk = Buffer.from(`event: message\ndata: ${JSON.stringify(notification)}\n\n`);
      if (write) write(chunk);
      else waiting.push(chunk);
    },
    attach(writer) {
      write = writer;
      for (const chunk of waiting.splice(0)) writer(chunk);
    },
  };
}

// The checks the SDK's transport makes before it reads a POST; one it would refuse is its to answer.
function acceptable(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  const version = request.headers.get('mcp-protocol-version');
  return (
    accept.includes('application/json') &&
    accept.includes('text/event-stream') &&
    isJsonContentType(request.headers.get('content-type')) &&
    (version === null || SUPPORTED_PROTOCOL_VERSIONS.includes(version))
  );
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/**
 * The SSE response: whole, headers and event in one write, when the call ends within
 * {@link STREAM_AFTER_MS} with a small answer; else streamed, so that a picture is not copied
 * once more, and a call still running gets its headers, then a comment now and then until its
 * event, as the SDK's server keeps a quiet stream open through proxies.
 */
async function respond(
  sessionId: string,
  events: Promise<Buffer[]>,
  progress?: ProgressFeed,
): Promise<Response> {
  const headers = { ...SSE_HEADERS, 'mcp-session-id': sessionId };
  // A client that asked for progress gets the stream at once: the progress goes out as it comes.
  if (!progress) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), STREAM_AFTER_MS);
    });
    const early = await Promise.race([events, late]).finally(() => clearTimeout(timer));
    if (early && early.reduce((sum, chunk) => sum + chunk.length, 0) <= WHOLE_BELOW) {
      return new Response(Buffer.concat(early), { headers });
    }
  }
  let keepAlive: NodeJS.Timeout | undefined;
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      keepAlive = setInterval(() => controller.enqueue(Buffer.from(': keepalive\n\n')), KEEP_ALIVE_MS);
      keepAlive.unref();
      progress?.attach((chunk) => {
        if (open) controller.enqueue(chunk);
      });
      // The client may have gone (the stream cancelled): then there is nobody to write to.
      events
        .then(
          (chunks) => {
            open = false;
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
          (error: unknown) => {
            open = false;
            controller.error(error);
          },
        )
        .catch(() => {})
        .finally(() => clearInterval(keepAlive));
    },
    cancel() {
      open = false;
      clearInterval(keepAlive);
    },
  });
  return new Response(stream, { headers });
}
