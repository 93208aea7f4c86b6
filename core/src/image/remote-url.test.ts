import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../testing/rejection.js';
import { type RemoteFetchOptions, readRemoteUrl } from './remote-url.js';

const IMAGE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
let server: Server;
let origin: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests++;
    const url = request.url ?? '/';
    const hops = /^\/redirect\/(\d+)$/.exec(url);
    if (url === '/img') {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': IMAGE.length }).end(IMAGE);
    } else if (url === '/streamed') {
      response.writeHead(200, { 'content-type': 'image/png' });
      for (let i = 0; i < 4; i++) response.write(Buffer.alloc(1000, i));
      response.end();
    } else if (url === '/declared') {
      response.writeHead(200, { 'content-length': 5000 });
      response.write(Buffer.alloc(10));
    } else if (hops?.[1] !== undefined) {
      const left = Number(hops[1]);
      response.writeHead(302, { location: left === 0 ? '/img' : `/redirect/${left - 1}` }).end();
    } else if (url === '/to-file') {
      response.writeHead(302, { location: 'file:///etc/passwd' }).end();
    } else if (url === '/hang') {
      // Never answers, so only the timeout ends the request.
    } else {
      response.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

const local: RemoteFetchOptions = { allowPrivateNetwork: true, maxBytes: 2000, timeoutMs: 5000 };
const guarded: RemoteFetchOptions = { ...local, allowPrivateNetwork: false };

describe('readRemoteUrl with private networks allowed', () => {
  it('fetches an image', async () => {
    expect(await readRemoteUrl(`${origin}/img`, local)).toEqual(IMAGE);
  });

  it('fetches through localhost, connecting only to the checked addresses', async () => {
    const port = (server.address() as AddressInfo).port;
    expect(await readRemoteUrl(`http://localhost:${port}/img`, local)).toEqual(IMAGE);
  });

  it('follows up to 3 redirects and refuses a 4th', async () => {
    expect(await readRemoteUrl(`${origin}/redirect/2`, local)).toEqual(IMAGE);
    const error = await rejection(readRemoteUrl(`${origin}/redirect/3`, local));
    expect(error.code).toBe('image_not_found');
    expect(error.message).toContain('redirected more than 3 times');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    expect((await rejection(readRemoteUrl(`${origin}/to-file`, local))).code).toBe('image_source_forbidden');
  });

  it('caps bytes while streaming and from Content-Length', async () => {
    expect((await readRemoteUrl(`${origin}/streamed`, { ...local, maxBytes: 4000 })).length).toBe(4000);
    expect((await rejection(readRemoteUrl(`${origin}/streamed`, { ...local, maxBytes: 1500 }))).code).toBe(
      'image_too_large',
    );
    expect((await rejection(readRemoteUrl(`${origin}/declared`, local))).code).toBe('image_too_large');
  });

  it('reports HTTP errors and timeouts as not found', async () => {
    const missing = await rejection(readRemoteUrl(`${origin}/nope`, local));
    expect(missing).toMatchObject({ code: 'image_not_found', message: `${origin}/nope answered HTTP 404` });
    const slow = await rejection(readRemoteUrl(`${origin}/hang`, { ...local, timeoutMs: 200 }));
    expect(slow.code).toBe('image_not_found');
    expect(slow.message).toContain('timed out after 200 ms');
  });
});

describe('readRemoteUrl with private networks refused', () => {
  it.each([
    ['http://127.0.0.1/img', '127.0.0.1, a loopback address'],
    ['http://[::1]/img', '::1, a loopback address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254, a link-local address'],
    ['http://10.0.0.1/img', '10.0.0.1, a private address'],
    ['http://[::ffff:127.0.0.1]/img', 'a loopback address'],
    ['http://2130706433/img', '127.0.0.1, a loopback address'],
    ['http://0x7f.1/img', '127.0.0.1, a loopback address'],
    ['http://100.64.1.1/img', 'a carrier-grade NAT address'],
    ['http://localhost/img', 'a loopback address'],
  ])('refuses %s before connecting', async (url, reason) => {
    const before = requests;
    const error = await rejection(readRemoteUrl(url, guarded));
    expect(error.code).toBe('image_source_forbidden');
    expect(error.message).toContain(reason);
    expect(error.message).toContain('set MMSKILLS_ALLOW_PRIVATE_URLS=1');
    expect(requests).toBe(before);
  });

  it('refuses the local test server itself', async () => {
    const before = requests;
    expect((await rejection(readRemoteUrl(`${origin}/img`, guarded))).code).toBe('image_source_forbidden');
    expect(requests).toBe(before);
  });
});
