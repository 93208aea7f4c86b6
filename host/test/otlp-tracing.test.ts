import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { traceIdOf } from '@mmskills/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostConfigSchema } from '../src/config/schema.js';
import { createHost, type Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { createScriptedBackend } from '../src/lmm/scripted.js';
import { otlpTracing } from '../src/telemetry/otlp.js';
import { quietLog, skills } from './fixtures/hosts.js';

const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** An OTLP/HTTP traces receiver that keeps the spans of every JSON export it is sent. */
async function otlpReceiver() {
  const spans: OtlpSpan[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const sent = JSON.parse(body) as {
        resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
      };
      for (const resource of sent.resourceSpans)
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, spans, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces` };
}

describe('traces exported over OTLP', () => {
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let host: Host;
  let app: ReturnType<typeof createHostApp>['app'];
  let close: () => Promise<void>;

  beforeAll(async () => {
    receiver = await otlpReceiver();
    host = await createHost(HostConfigSchema.parse({ skills: skills('crashy') }), {
      log: quietLog,
      backend: createScriptedBackend({
        turns: [
          { thoughts: 'Trace.', actions: [{ API_name: 'echo_trace', API_params: {} }], value: '…' },
          { thoughts: '', actions: [], value: 'Traced.' },
        ],
      }),
      tracing: otlpTracing({ url: receiver.url }),
    });
    ({ app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog }));
  }, 120_000);

  afterAll(async () => {
    await close();
    await host?.close();
    receiver?.server.close();
  });

  it("nest a message's model turns and tool calls under the request's trace, the skill told its call's span", async () => {
    const response = await app.request('http://127.0.0.1:8080/v1/chat/completions', {
      method: 'POST',
      headers: { host: '127.0.0.1:8080', 'content-type': 'application/json', traceparent: TRACE },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'go' }] }),
    });
    const { mmskills } = (await response.json()) as {
      mmskills: { steps: Array<{ type: string; output?: unknown }> };
    };
    const observation = mmskills.steps.find((step) => step.type === 'observation');
    const told = (observation?.output as { traceparent?: string } | undefined)?.traceparent;
    await host.close(); // flushes the batch of spans

    const traceId = traceIdOf(TRACE);
    const byName = (name: string) => receiver.spans.filter((span) => span.name === name);
    const [message] = byName('agent message');
    expect(message).toMatchObject({ traceId, parentSpanId: TRACE.slice(36, 52) });
    const turns = byName('model turn');
    expect(turns).toHaveLength(2);
    for (const turn of turns) expect(turn).toMatchObject({ traceId, parentSpanId: message?.spanId });
    const [call] = byName('tool echo_trace');
    expect(call).toMatchObject({ traceId, parentSpanId: message?.spanId });
    // The skill was given the tool call's own span as its parent.
    expect(told).toBe(`00-${traceId}-${call?.spanId}-01`);
  }, 60_000);
});
