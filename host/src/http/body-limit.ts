import type { MiddlewareHandler } from 'hono';
import type { HostEnv } from './env.js';
import { HostHttpError } from './errors.js';

/**
 * Refuses a request body over `maxBytes` with a 413 saying `why`, without the host ever holding more
 * of it than the limit. A declared Content-Length over the limit is refused before a byte is read;
 * any other body is counted as it streams to whichever route reads it, and the read fails the moment
 * the count passes the limit. (Hono's bodyLimit buffers a body of undeclared length itself, doubling
 * its buffer as it grows, before the route reads and copies it again: 1.35 GB of host for 270 MiB.)
 */
export function limitBody(maxBytes: number, why: string): MiddlewareHandler<HostEnv> {
  const refusal = () => new HostHttpError(413, `request body over ${maxBytes} bytes: ${why}`);
  return async (c, next) => {
    const body = c.req.raw.body;
    if (body === null) return next();
    const declared = c.req.header('content-length');
    if (
      declared !== undefined &&
      c.req.header('transfer-encoding') === undefined &&
      Number(declared) > maxBytes
    )
      throw refusal();
    let seen = 0;
    let over = false;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen <= maxBytes) return controller.enqueue(chunk);
          over = true;
          controller.error(refusal());
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
    // Routes may read the failed body as bad JSON or a bad form and answer 400; the size is the
    // real reason, so it replaces whatever they answered (cleared first, so no header carries over).
    if (over) {
      c.res = undefined;
      throw refusal();
    }
  };
}
