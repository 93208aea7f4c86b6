import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A proxy in front of an MCP endpoint that makes every client ask for one protocol version. */
export interface VersionProxy {
  url: string;
  /** How many `initialize` requests it rewrote (0 means the pin never happened). */
  rewrites: number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function pinVersion(body: Buffer, version: string): Buffer | undefined {
  let message: unknown;
  try {
    message = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const request = message as { method?: unknown; params?: { protocolVersion?: unknown } };
  if (request?.method !== 'initialize' || typeof request.params !== 'object' || request.params === null)
    return;
  request.params.protocolVersion = version;
  return Buffer.from(JSON.stringify(request));
}

/**
 * Forwards everything to `target` untouched (streams, SSE and Host header included) except the
 * `protocolVersion` of `initialize` requests, which becomes `version`. The official conformance
 * client always offers the newest version; this is how its scenarios run under older ones.
 */
export async function versionProxy(target: string, version: string): Promise<VersionProxy> {
  const upstream = new URL(target);
  const state = { rewrites: 0 };
  const server: Server = createServer(async (req, res) => {
    let body = req.method === 'POST' ? await readBody(req) : undefined;
    const pinned = body && pinVersion(body, version);
    if (pinned) {
      body = pinned;
      state.rewrites += 1;
    }
    const headers = { ...req.headers };
    if (body) headers['content-length'] = String(body.length);
    const forward = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    res.on('close', () => forward.destroy());
    if (body) forward.end(body);
    else req.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    get rewrites() {
      return state.rewrites;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
