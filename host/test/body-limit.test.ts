import { readFile } from 'node:fs/promises';
import { photoPath } from '@mmskills/core/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { limitBody } from '../src/http/body-limit.js';
import type { HostEnv } from '../src/http/env.js';
import { renderHostError } from '../src/http/errors.js';
import { quietLog, scriptedHost } from './fixtures/hosts.js';

/** `text` in 4-byte chunks, with no declared length (sent chunked). */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(sent, sent + 4));
      sent += 4;
    },
  });
}

describe('limitBody', () => {
  // A route that reads its body the forgiving way routes do: a failed read is just bad JSON to it.
  const app = new Hono<HostEnv>()
    .use(limitBody(16, 'send less'))
    .post('/v1/echo', async (c) => {
      const body = await c.req.json().catch(() => undefined);
      return body === undefined ? c.json({ error: 'bad json' }, 400) : c.json({ body });
    })
    .onError((error, c) => renderHostError(error, c, () => {}));
  const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    app.request('/v1/echo', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

  it('passes a body within the limit, declared or streamed', async () => {
    expect(await (await post('"0123456789abcd"')).json()).toEqual({ body: '0123456789abcd' });
    expect(await (await post(chunked('"aaaaaaaaaaaaaa"'))).json()).toEqual({ body: 'aaaaaaaaaaaaaa' });
  });

  it('answers 413 in the route’s error shape for a streamed body past the limit, whatever the route made of it', async () => {
    const response = await post(chunked('"aaaaaaaaaaaaaaaaaa"'));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: { message: 'request body over 16 bytes: send less', type: 'invalid_request_error' },
    });
  });

  it('answers 413 for a declared length past the limit without reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(8));
      },
    });
    const response = await post(body, { 'content-length': '17' });
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });
});

describe('images of one message', () => {
  let host: Host;
  beforeAll(async () => {
    host = await scriptedHost([{ thoughts: '', actions: [], value: 'ok' }], {});
  });
  afterAll(async () => {
    await host.close();
  });

  it('are at most 8 on /v1/chat/completions too', async () => {
    const { app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog });
    const png = await readFile(photoPath('coffee'));
    const url = `data:image/png;base64,${png.toString('base64')}`;
    const content = [
      { type: 'text', text: 'What are these?' },
      ...Array.from({ length: 9 }, () => ({ type: 'image_url', image_url: { url } })),
    ];
    const response = await app.request('http://127.0.0.1/v1/chat/completions', {
      method: 'POST',
      headers: { host: '127.0.0.1', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'invalid message: at most 8 images, not 9',
    );
    await close();
  });
});
