import type { Progress } from '@modelcontextprotocol/server';

// A call still running after this gets its headers sent, and then a comment every KEEP_ALIVE_MS.
const STREAM_AFTER_MS = 5_000;
const WHOLE_BELOW = 64 * 1024;
const KEEP_ALIVE_MS = 15_000;

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/** Progress for one call, as SSE events: kept until the response's stream takes them, then written at once. */
export interface ProgressFeed {
  onprogress(progress: Progress): void;
  attach(write: (chunk: Buffer) => void): void;
}

export function progressFeed(progressToken: string | number): ProgressFeed {
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

/**
 * A 2026 call's answer without progress: its JSON-RPC message as `application/json`, as the SDK's
 * entry answers a request that asked for none (`message` is that message's bytes, in pieces; none
 * when the call was cancelled, answered by `unanswered`).
 */
export async function jsonResponse(
  message: Promise<Buffer[]>,
  unanswered: () => Response,
): Promise<Response> {
  const pieces = await message;
  if (pieces.length === 0) return unanswered();
  const headers = { 'content-type': 'application/json' };
  if (pieces.reduce((sum, piece) => sum + piece.length, 0) <= WHOLE_BELOW)
    return new Response(Buffer.concat(pieces), { headers });
  // A picture's bytes go out as the skill's buffer, not copied into one more (which, a MiB a
  // call, more than doubled the host's major GCs).
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
  return new Response(stream, { headers });
}

/**
 * The SSE response: whole, headers and event in one write, when the call ends within
 * {@link STREAM_AFTER_MS} with a small answer; else streamed, so that a picture is not copied
 * once more, and a call still running gets its headers, then a comment now and then until its
 * event, as the SDK's server keeps a quiet stream open through proxies.
 */
export async function eventStream(
  extraHeaders: Record<string, string>,
  events: Promise<Buffer[]>,
  progress?: ProgressFeed,
): Promise<Response> {
  const headers = { ...SSE_HEADERS, ...extraHeaders };
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
