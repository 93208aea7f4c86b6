import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { photoPath } from '@mmskills/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog, scriptedHost, skills } from './fixtures/hosts.js';

describe('host HTTP access, limits and metrics', () => {
  let host: Host;

  beforeAll(async () => {
    host = await scriptedHost(
      [
        {
          thoughts: 'Measure.',
          actions: [{ API_name: 'image_info', API_params: { image: 'image_1' } }],
          value: '…',
        },
        { thoughts: '', actions: [], value: 'Measured.' },
      ],
      skills('image'),
    );
  }, 60_000);
  afterAll(async () => {
    await host.close();
  });

  const request = (app: ReturnType<typeof createHostApp>['app'], path: string, init: RequestInit = {}) =>
    app.request(`http://10.0.0.5${path}`, {
      ...init,
      headers: { host: '10.0.0.5', ...(init.headers as Record<string, string>) },
    });

  it('asks for an API key when keys are set, and accepts a valid one', async () => {
    const { app, close } = createHostApp(host, { hostname: '0.0.0.0', log: quietLog, apiKeys: ['k-1'] });
    expect((await request(app, '/v1/models')).status).toBe(401);
    expect((await request(app, '/v1/models', { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    expect((await request(app, '/v1/models', { headers: { authorization: 'Bearer k-1' } })).status).toBe(200);
    expect((await request(app, '/health')).status).toBe(200);
    // The page must load without a key, to ask for one; what it calls needs the key.
    for (const path of ['/', '/web/app.js', '/web/app.css', '/web/tools.css', '/web/icon.svg'])
      expect((await request(app, path)).status, path).toBe(200);
    expect((await request(app, '/v1/tools')).status).toBe(401);
    expect((await request(app, '/web/../v1/tools')).status).toBe(401);
    await close();
  });

  it('limits requests per key per minute with 429 and Retry-After', async () => {
    const { app, close } = createHostApp(host, {
      hostname: '0.0.0.0',
      log: quietLog,
      apiKeys: ['k-1'],
      rateLimitPerMinute: 3,
    });
    const auth = { headers: { authorization: 'Bearer k-1' } };
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await request(app, '/v1/models', auth)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await request(app, '/v1/models', auth);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({
      error: {
        message: 'rate limit of 3 requests per minute reached',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    await close();
  });

  it('limits wrong keys per client, and a made-up X-Forwarded-For buys no new budget', async () => {
    const keyed = createHostApp(host, {
      hostname: '0.0.0.0',
      log: quietLog,
      apiKeys: ['k-1'],
      rateLimitPerMinute: 3,
    });
    const wrong = [];
    for (let i = 0; i < 4; i += 1)
      wrong.push(
        (await request(keyed.app, '/v1/models', { headers: { authorization: `Bearer guess-${i}` } })).status,
      );
    expect(wrong).toEqual([401, 401, 401, 429]);
    // A valid key has its own budget.
    expect(
      (await request(keyed.app, '/v1/models', { headers: { authorization: 'Bearer k-1' } })).status,
    ).toBe(200);
    await keyed.close();

    const open = createHostApp(host, { hostname: '127.0.0.1', log: quietLog, rateLimitPerMinute: 3 });
    const local = (path: string, forwarded: string) =>
      open.app.request(`http://127.0.0.1${path}`, {
        headers: { host: '127.0.0.1', 'x-forwarded-for': forwarded },
      });
    const spoofed = [];
    for (let i = 0; i < 4; i += 1) spoofed.push((await local('/v1/models', `10.0.0.${i}`)).status);
    expect(spoofed).toEqual([200, 200, 200, 429]);
    await open.close();

    const proxied = createHostApp(host, {
      hostname: '127.0.0.1',
      log: quietLog,
      rateLimitPerMinute: 1,
      trustProxy: true,
    });
    const via = (forwarded: string) =>
      proxied.app.request('http://127.0.0.1/v1/models', {
        headers: { host: '127.0.0.1', 'x-forwarded-for': forwarded },
      });
    expect([
      (await via('1.1.1.1')).status,
      (await via('9.9.9.9, 2.2.2.2')).status,
      (await via('2.2.2.2')).status,
    ]).toEqual([200, 200, 429]);
    await proxied.close();
  });

  it("refuses a gateway request over the skills' own size limit, which the skill would refuse", async () => {
    const { app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog });
    // Over a real socket: the length a client declares is what the limit reads first.
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    // 37 MB: under the old 40 MiB gateway limit, over the skills' 25 MiB image as base64 (36 MB).
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"x":"${'a'.repeat(37_000_000)}"}}`,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32600);
    server.close();
    await close();
  });

  it('answers errors on /v1/* with OpenAI error objects, which OpenAI clients read', async () => {
    const { app, close } = createHostApp(host, { hostname: '0.0.0.0', log: quietLog, apiKeys: ['k-1'] });
    const auth = { authorization: 'Bearer k-1' };
    expect(await (await request(app, '/v1/models')).json()).toEqual({
      error: {
        message: 'an API key is required: send "Authorization: Bearer <key>"',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    const missing = await request(app, '/v1/nothing', { headers: auth });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: {
        message: 'no route GET /v1/nothing',
        type: 'invalid_request_error',
        param: null,
        code: 'not_found',
      },
    });
    const bad = await request(app, '/v1/chat/completions', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: 'hello' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { type: string; message: string } }).error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringMatching(/^invalid request: messages: /),
    });
    expect(await (await request(app, '/nothing', { headers: auth })).json()).toEqual({
      error: 'no route GET /nothing',
    });
    await close();
  });

  it('takes a multipart upload and counts tool calls, latency and runs in /metrics', async () => {
    const { app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog });
    const local = (path: string, init: RequestInit = {}) =>
      app.request(`http://127.0.0.1${path}`, { ...init, headers: { host: '127.0.0.1' } });
    const { id } = (await (await local('/v1/conversations', { method: 'POST' })).json()) as { id: string };
    const form = new FormData();
    form.set('text', 'How big is it?');
    form.set(
      'image',
      new Blob([new Uint8Array(await readFile(photoPath('coffee')))], { type: 'image/png' }),
      'coffee.png',
    );
    const stream = await (
      await local(`/v1/conversations/${id}/messages`, { method: 'POST', body: form })
    ).text();
    expect(stream).toContain('"width":600');
    const metrics = await (await local('/metrics')).text();
    expect(metrics).toContain('mmskills_tool_calls_total{tool="image_info",outcome="ok"} 1');
    expect(metrics).toMatch(/mmskills_tool_call_seconds_sum\{tool="image_info"\} \d/);
    expect(metrics).toContain('mmskills_agent_runs_total{outcome="answer"} 1');
    expect(metrics).toContain('mmskills_conversations 1');
    await close();
  });
});

describe('host HTTP bad input', () => {
  let host: Host;
  beforeAll(async () => {
    host = await scriptedHost([{ thoughts: '', actions: [], value: 'ok' }], {});
  });
  afterAll(async () => {
    await host.close();
  });

  it('answers a 100 MB upload with 413 and a wrong content type with 400', async () => {
    const { app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog });
    const local = (path: string, init: RequestInit) =>
      app.request(`http://127.0.0.1${path}`, {
        ...init,
        headers: { host: '127.0.0.1', ...(init.headers as Record<string, string>) },
      });
    const { id } = (await (await local('/v1/conversations', { method: 'POST' })).json()) as { id: string };
    const form = new FormData();
    form.set('text', 'What is this?');
    form.set('image', new Blob([new Uint8Array(100 * 1024 * 1024)], { type: 'image/png' }), 'huge.png');
    const many = new FormData();
    many.set('text', 'What are these?');
    for (let n = 0; n < 9; n += 1)
      many.append('image', new Blob([new Uint8Array(8)], { type: 'image/png' }), `${n}.png`);
    const tooMany = await local(`/v1/conversations/${id}/messages`, { method: 'POST', body: many });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { message: string } }).error.message).toBe(
      'invalid message: at most 8 images, not 9',
    );
    const huge = await local(`/v1/conversations/${id}/messages`, { method: 'POST', body: form });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { message: string } }).error.message).toMatch(/^image 1: /);
    const text = await local(`/v1/conversations/${id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(400);
    await close();
  });
});
