import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostProcess, sourceSkill, spawnHost } from '../conformance/host-process.js';
import { chatOnce } from './chat.js';

type Mode = 'error' | 'hang' | 'ok';

/** An OpenAI-compatible server whose behaviour the test switches: failing, silent, or answering. */
function fakeLmm() {
  const state = { mode: 'ok' as Mode, requests: 0 };
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    state.requests += 1;
    if (state.mode === 'error') {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"error":{"message":"GPU fell off the bus"}}');
      return;
    }
    if (state.mode === 'hang') {
      hanging.push(res);
      return;
    }
    const turn = JSON.stringify({ thoughts: '', actions: [], value: 'The model is back.' });
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: turn } }] })}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  return { server, state, hanging };
}

describe('the LMM backend erroring or timing out, under the host bin', () => {
  const lmm = fakeLmm();
  let host: HostProcess;
  beforeAll(async () => {
    lmm.server.listen(0, '127.0.0.1');
    await once(lmm.server, 'listening');
    const { port } = lmm.server.address() as AddressInfo;
    host = await spawnHost({ skills: { image: sourceSkill('image') } }, [
      '--lmm',
      `openai:http://127.0.0.1:${port}/v1,timeout=2`,
    ]);
  }, 120_000);
  afterAll(async () => {
    await host?.stop();
    for (const res of lmm.hanging) res.destroy();
    lmm.server.close();
  });

  it('reports a failing model as an error event after its retries, and keeps serving', async () => {
    lmm.state.mode = 'error';
    const before = lmm.state.requests;
    const { events } = await chatOnce(host.url, { text: 'hello?' });
    const error = events.find((event) => event.type === 'error');
    expect(error?.message).toMatch(/answered 500: .*GPU fell off the bus/);
    expect(lmm.state.requests - before).toBe(4);
    expect(events.some((event) => event.type === 'answer')).toBe(false);
  }, 60_000);

  it('gives up on a model that never answers at the configured timeout', async () => {
    lmm.state.mode = 'hang';
    const { events } = await chatOnce(host.url, { text: 'hello?' });
    const error = events.find((event) => event.type === 'error');
    expect(error?.message, JSON.stringify(error)).toMatch(
      /did not finish within 2 s \(set timeout=<seconds> in --lmm\)/,
    );
  }, 90_000);

  it('answers again once the model is back', async () => {
    lmm.state.mode = 'ok';
    const { events } = await chatOnce(host.url, { text: 'hello?' });
    expect(events.find((event) => event.type === 'answer')?.text).toBe('The model is back.');
    expect((await fetch(`${host.url}/health`)).status).toBe(200);
  }, 60_000);
});
