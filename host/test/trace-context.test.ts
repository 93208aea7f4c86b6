import { traceIdOf, validTraceparent } from '@mmskills/core';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog, scriptedHost, skills } from './fixtures/hosts.js';
import { GATEWAY_URL, inProcessFetch } from './fixtures/in-process.js';

const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

// W3C trace context from a request to the host reaches the skills it calls, in each call's
// `_meta.traceparent` (MCP 2026-07-28), so a skill's log lines can be found from the request's.
describe('trace context from the host to its skills', () => {
  let host: Host;
  let app: ReturnType<typeof createHostApp>['app'];
  let close: () => Promise<void>;

  beforeAll(async () => {
    host = await scriptedHost(
      [
        { thoughts: 'Trace.', actions: [{ API_name: 'echo_trace', API_params: {} }], value: '…' },
        { thoughts: '', actions: [], value: 'Traced.' },
      ],
      skills('crashy'),
    );
    ({ app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog }));
  }, 120_000);

  afterAll(async () => {
    await close();
    await host.close();
  });

  const post = (path: string, body: unknown, traceparent?: string) =>
    app.request(`http://127.0.0.1:8080${path}`, {
      method: 'POST',
      headers: {
        host: '127.0.0.1:8080',
        'content-type': 'application/json',
        ...(traceparent && { traceparent }),
      },
      body: JSON.stringify(body),
    });
  const traced = (output: unknown) => (output as { traceparent: string | null }).traceparent;

  it('continues the request trace in each tool call of the agent, or starts one', async () => {
    for (const header of [TRACE, undefined, 'not-a-trace']) {
      const response = await post(
        '/v1/chat/completions',
        { messages: [{ role: 'user', content: 'go' }] },
        header,
      );
      const { mmskills } = (await response.json()) as {
        mmskills: { steps: Array<{ type: string; output?: unknown }> };
      };
      const observation = mmskills.steps.find((step) => step.type === 'observation');
      const sent = traced(observation?.output);
      expect(validTraceparent(sent)).toBe(sent);
      if (header === TRACE) {
        expect(traceIdOf(sent as string)).toBe(traceIdOf(TRACE));
        expect(sent).not.toBe(TRACE);
      } else {
        expect(traceIdOf(sent as string)).not.toBe(traceIdOf(TRACE));
      }
    }
  }, 60_000);

  it('passes it on from the tools API and from a 2026 client of the gateway', async () => {
    const response = await post('/v1/tools/crashy__echo_trace/call', { arguments: {} }, TRACE);
    expect(traced(((await response.json()) as { structuredContent: unknown }).structuredContent)).toBe(TRACE);

    const client = new Client(
      { name: 'test', version: '0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(new StreamableHTTPClientTransport(GATEWAY_URL, { fetch: inProcessFetch(app) }));
    const result = await client.callTool({
      name: 'crashy__echo_trace',
      arguments: {},
      _meta: { traceparent: TRACE },
    });
    expect(traced(result.structuredContent)).toBe(TRACE);
    await client.close();
  }, 60_000);
});
