import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';

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
export const gitBlobSha1 = (data: Buffer) =>
  createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');

export interface Hit {
  path: string;
  range: string | undefined;
  status: number;
  sent: number;
}

/** Files at or above this size are LFS files here; the hub's own threshold is 10 MB. */
export const LFS_THRESHOLD = 100_000;

export interface ServerSettings {
  honourRange: boolean;
  /** Send X-Linked-Etag / X-Linked-Size / ETag, as the hub does; off is a mirror that drops them. */
  checksumHeaders: boolean;
  /** Files served with one byte flipped while the headers keep the true checksum. */
  corrupt: Set<string>;
  /** Files whose first full download dies halfway, as a flaky network does. */
  drop: Set<string>;
}

function send(
  response: ServerResponse,
  hit: Hit,
  body: Buffer,
  start: number,
  headers: Record<string, string>,
) {
  const slice = body.subarray(start);
  hit.status = start > 0 ? 206 : 200;
  hit.sent = slice.length;
  response.writeHead(hit.status, {
    ...headers,
    'content-length': String(slice.length),
    'accept-ranges': 'bytes',
    ...(start > 0 ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
  });
  response.end(slice);
}

/**
 * Hugging Face's shape for any `<owner>/<repo>`: `/resolve/<rev>/<path>` of an LFS file redirects to
 * a CDN path with X-Linked-Etag (sha256) and X-Linked-Size; a small file is served directly with an
 * ETag that is its git blob sha1. Both honour Range (unless `honourRange` is off) and answer 416
 * with the length past the end.
 */
export function startServer(files: Record<string, Buffer>) {
  const hits: Hit[] = [];
  const settings: ServerSettings = {
    honourRange: true,
    checksumHeaders: true,
    corrupt: new Set(),
    drop: new Set(),
  };
  const served = (file: string) => {
    const body = files[file];
    if (!body || !settings.corrupt.has(file)) return body;
    const bad = Buffer.from(body);
    bad[bad.length >> 1] = (bad[bad.length >> 1] ?? 0) ^ 0xff;
    return bad;
  };
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(request.url ?? '');
    const range = request.headers.range;
    const hit: Hit = { path, range, status: 0, sent: 0 };
    hits.push(hit);
    const resolved = /^\/[^/]+\/[^/]+\/resolve\/[^/]+\/(.+)$/.exec(path)?.[1];
    const cdn = path.startsWith('/cdn/') ? path.slice(5) : undefined;
    const file = resolved ?? cdn ?? '';
    const body = served(file);
    const original = files[file];
    if (!body || !original) {
      hit.status = 404;
      response.writeHead(404, 'Not Found').end('no such file');
      return;
    }
    const lfs = original.length >= LFS_THRESHOLD;
    const commit = { 'x-repo-commit': 'c0ffee'.padEnd(40, '0') };
    if (resolved && lfs) {
      hit.status = 302;
      const linked = { 'x-linked-etag': `"${sha256(original)}"`, 'x-linked-size': String(original.length) };
      response
        .writeHead(302, { location: `/cdn/${file}`, ...commit, ...(settings.checksumHeaders ? linked : {}) })
        .end();
      return;
    }
    const start = settings.honourRange ? Number(/^bytes=(\d+)-$/.exec(range ?? '')?.[1] ?? 0) : 0;
    if (start >= body.length && start > 0) {
      hit.status = 416;
      response.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    if (settings.drop.has(file) && start === 0) {
      hit.status = 200;
      response.writeHead(200, { 'content-length': String(body.length) });
      response.write(body.subarray(0, body.length >> 1), () => response.destroy());
      return;
    }
    // A CDN's ETag is its own (an MD5 here, as S3's is); only the hub's resolve answer carries the git sha1.
    const etag = lfs ? `"${createHash('md5').update(original).digest('hex')}"` : `"${gitBlobSha1(original)}"`;
    send(response, hit, body, start, {
      ...(lfs ? {} : commit),
      ...(settings.checksumHeaders ? { etag } : {}),
    });
  });
  return { server, hits, settings };
}
