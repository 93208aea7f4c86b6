import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/** Deterministic, incompressible-looking bytes (xorshift32), so offsets and hashes mean something. */
export function bytesFrom(seed: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < length; index += 1) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    buffer[index] = state & 0xff;
  }
  return buffer;
}

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export interface Hit {
  path: string;
  range: string | undefined;
  status: number;
  sent: number;
}

/**
 * Hugging Face's shape: /<repo>/resolve/main/<file> redirects to a CDN path that serves the bytes,
 * with Range support unless `honourRange` is off.
 */
export function startServer(files: Record<string, Buffer>) {
  const hits: Hit[] = [];
  const settings = { honourRange: true };
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(request.url ?? '');
    const range = request.headers.range;
    const resolved = /^\/test-org\/tiny-vl-GGUF\/resolve\/main\/(.+)$/.exec(path);
    const hit: Hit = { path, range, status: 0, sent: 0 };
    hits.push(hit);
    if (resolved) {
      hit.status = 302;
      response.writeHead(302, { location: `/cdn/${resolved[1]}` }).end();
      return;
    }
    const body = path.startsWith('/cdn/') ? files[path.slice(5)] : undefined;
    if (!body) {
      hit.status = 404;
      response.writeHead(404, 'Not Found').end('no such file');
      return;
    }
    const start = settings.honourRange ? Number(/^bytes=(\d+)-$/.exec(range ?? '')?.[1] ?? 0) : 0;
    if (start >= body.length && start > 0) {
      hit.status = 416;
      response.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const slice = body.subarray(start);
    hit.status = start > 0 ? 206 : 200;
    if (path === '/cdn/dropped.gguf' && start === 0) {
      // The connection dies halfway, as a flaky network does; a ranged retry gets the rest.
      response.writeHead(200, { 'content-length': String(slice.length) });
      response.write(slice.subarray(0, 1_500_000), () => response.destroy());
      return;
    }
    hit.sent = slice.length;
    response.writeHead(hit.status, {
      'content-length': String(slice.length),
      'accept-ranges': 'bytes',
      ...(start > 0 ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    response.end(slice);
  });
  return { server, hits, settings };
}
