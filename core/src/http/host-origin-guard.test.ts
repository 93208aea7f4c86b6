import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { allowedHostsFor, hostOriginGuard } from './host-origin-guard.js';

function app(allowedHosts: string[] | 'any') {
  return new Hono().use(hostOriginGuard({ allowedHosts })).get('/', (c) => c.text('ok'));
}

describe('hostOriginGuard', () => {
  const hosts = allowedHostsFor('127.0.0.1');

  it.each([
    ['127.0.0.1:8123', undefined, 200],
    ['localhost:8123', undefined, 200],
    ['[::1]:8123', undefined, 200],
    ['localhost:8123', 'http://localhost:8123', 200],
    ['evil.example:8123', undefined, 403],
    ['127.0.0.1.evil.example:8123', undefined, 403],
    ['localhost', undefined, 200],
    ['127.0.0.1:8123', 'http://evil.example', 403],
    ['127.0.0.1:8123', 'not a url', 403],
  ])('Host %s Origin %s → %i', async (host, origin, status) => {
    const headers: Record<string, string> = { host };
    if (origin) headers.origin = origin;
    const response = await app(hosts).request('http://x/', { headers });
    expect(response.status).toBe(status);
  });

  it('checks only Origin when bound beyond loopback', async () => {
    expect((await app('any').request('http://x/', { headers: { host: 'box.lan:80' } })).status).toBe(200);
    const foreign = await app('any').request('http://x/', {
      headers: { host: 'box.lan:80', origin: 'http://evil' },
    });
    expect(foreign.status).toBe(403);
  });

  it('names the host a non-loopback bind answers to', () => {
    expect(allowedHostsFor('10.1.2.3')).toEqual(['10.1.2.3']);
  });
});
