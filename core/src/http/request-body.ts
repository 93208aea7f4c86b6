import type { IncomingMessage } from 'node:http';

// One chunk (a small body) is used as it is; more are joined once.
const joined = (chunks: Uint8Array[], size: number): Buffer => {
  const [only] = chunks;
  return chunks.length === 1 && only
    ? Buffer.from(only.buffer, only.byteOffset, size)
    : Buffer.concat(chunks, size);
};

/** A web request's body, or undefined as soon as it passes `maxBytes`. */
export async function readWebBody(request: Request, maxBytes: number): Promise<Buffer | undefined> {
  if (Number(request.headers.get('content-length')) > maxBytes) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const read = await reader?.read();
    if (!read || read.done) return joined(chunks, size);
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      return undefined;
    }
    chunks.push(read.value);
  }
}

/**
 * A Node request's body straight from its socket's chunks, or undefined as soon as it passes
 * `maxBytes` (the rest is then read and dropped, so the refusal can still be answered on the
 * connection). Reading the `IncomingMessage` itself skips what a web `Request` over it costs:
 * @hono/node-server builds the request, an abort signal and two web streams to hand the same
 * chunks on, about 0.4 ms a request here, and copies a large body once more on the way.
 */
export function readNodeBody(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  if (Number(incoming.headers['content-length']) > maxBytes) {
    incoming.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onEnd = () => resolve(joined(chunks, size));
    const onError = (error: Error) => reject(error);
    // A client gone mid-body: 'close' without 'end'. ('close' follows every 'end' too; an Error
    // built then, and thrown away, cost more than the rest of this function.)
    const onClose = () => {
      if (!incoming.complete) reject(new Error('the client closed the request before its body ended'));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Still flowing with no 'data' listener: the rest is read and dropped.
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      incoming.on('error', () => {});
      chunks.length = 0;
      resolve(undefined);
    };
    incoming.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose);
  });
}
