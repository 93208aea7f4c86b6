import { randomBytes } from 'node:crypto';
import { tsxArgs } from '@mmskills/core/testing';
import { type SkillHttpProcess, spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostConfigSchema } from '../src/config/schema.js';
import { createHost, type Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog } from './fixtures/hosts.js';
import { gatewayClient } from './fixtures/in-process.js';

const fixture = (name: string) => tsxArgs(new URL(`./fixtures/${name}`, import.meta.url));
const GATEWAY = 'http://127.0.0.1:8080/mcp';
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'test', version: '0' } },
};
type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** An MCP session spoken by hand, so the test sees the bytes of each answer. */
async function rawSession(fetcher: Fetch, url: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  const opened = await fetcher(url, { method: 'POST', headers, body: JSON.stringify(INITIALIZE) });
  await opened.text();
  headers['mcp-session-id'] = opened.headers.get('mcp-session-id') as string;
  headers['mcp-protocol-version'] = '2025-11-25';
  const initialized = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
  await (await fetcher(url, { method: 'POST', headers, body: initialized })).text();
  const send = (body: string, extra: Record<string, string> = {}) =>
    fetcher(url, { method: 'POST', headers: { ...headers, ...extra }, body });
  return send;
}

// The text of the result in an SSE answer `{"result":…,"jsonrpc":"2.0","id":…}`, as written.
const resultText = (sse: string) =>
  /^event: message\ndata: \{"result":(.*),"jsonrpc":"2\.0","id":\d+\}\n\n$/s.exec(sse)?.[1];
const call = (id: number, name: string, args: Record<string, unknown>) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

describe('the gateway passing tool calls on', () => {
  let served: SkillHttpProcess;
  let host: Host;
  let app: ReturnType<typeof createHostApp>['app'];
  let close: () => Promise<void>;
  const inProcess: Fetch = (url, init) => {
    const headers = new Headers(init.headers);
    headers.set('host', '127.0.0.1:8080');
    return Promise.resolve(app.request(url, { ...init, headers }));
  };
  const connect = async () => {
    const client = new Client({ name: 'test', version: '0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(GATEWAY), { fetch: inProcess as typeof fetch }),
    );
    return client;
  };

  beforeAll(async () => {
    served = await spawnSkillHttp(fixture('forwarding-skill.ts'));
    const skills = {
      piped: { command: process.execPath, args: fixture('forwarding-skill.ts'), env: {} },
      served: { url: served.url },
      oversized: { command: process.execPath, args: fixture('oversized-skill.ts'), env: {} },
    };
    host = await createHost(HostConfigSchema.parse({ skills, pool: { callTimeoutMs: 60_000 } }), {
      log: quietLog,
    });
    ({ app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog }));
  }, 120_000);

  afterAll(async () => {
    await close();
    await host.close();
    await served.stop();
  });

  it.each(['piped', 'served'])(
    'answers with the bytes the skill wrote, picture included (%s)',
    async (skill) => {
      const picture = randomBytes(300_000).toString('base64');
      const direct = await rawSession((url, init) => fetch(url, init), served.url);
      const gateway = await rawSession(inProcess, GATEWAY);
      const fromSkill = resultText(await (await direct(call(1, 'echo_picture', { picture }))).text());
      const answer = await gateway(call(1, `${skill}__echo_picture`, { picture }));
      expect(answer.headers.get('content-type')).toBe('text/event-stream');
      const viaGateway = resultText(await answer.text());
      expect(fromSkill).toContain(`"data":"${picture}"`);
      expect(viaGateway).toContain(`"data":"${picture}"`);
      // The host reaches the skill in the 2026 era, whose results also carry `resultType` and the
      // server's info in `_meta`; what the skill wrote for the call comes through as it was.
      const { resultType, _meta, ...forwarded } = JSON.parse(viaGateway ?? '');
      expect(resultType).toBe('complete');
      expect(_meta).toEqual({
        'io.modelcontextprotocol/serverInfo': expect.objectContaining({ version: '0.0.1' }),
      });
      expect(JSON.stringify(forwarded)).toBe(fromSkill);
    },
  );

  it.each(['piped', 'served'])(
    'answers a 2026 call as JSON with the bytes the skill wrote, picture included (%s)',
    async (skill) => {
      const picture = randomBytes(300_000).toString('base64');
      const name = `${skill}__echo_picture`;
      const envelope = {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': { name: 'test', version: '0' },
        'io.modelcontextprotocol/clientCapabilities': {},
      };
      const answer = await inProcess(GATEWAY, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2026-07-28',
          'mcp-method': 'tools/call',
          'mcp-name': name,
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 7,
          method: 'tools/call',
          params: { name, arguments: { picture }, _meta: envelope },
        }),
      });
      expect(answer.headers.get('content-type')).toBe('application/json');
      const text = await answer.text();
      expect(text).toContain(`"data":"${picture}"`);
      expect(JSON.parse(text)).toMatchObject({
        jsonrpc: '2.0',
        id: 7,
        result: {
          resultType: 'complete',
          structuredContent: { bytes: 300_000 },
          _meta: { 'io.modelcontextprotocol/serverInfo': expect.objectContaining({ version: '0.0.1' }) },
        },
      });
    },
  );

  it.each(['2027-01-01', '2025-11-25'])(
    'leaves a tools/call claiming revision %s to the SDK, which refuses it',
    async (version) => {
      const name = 'piped__echo_picture';
      const answer = await inProcess(GATEWAY, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': version,
          'mcp-method': 'tools/call',
          'mcp-name': name,
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 8,
          method: 'tools/call',
          params: {
            name,
            arguments: { picture: 'AAAA' },
            _meta: {
              'io.modelcontextprotocol/protocolVersion': version,
              'io.modelcontextprotocol/clientInfo': { name: 'test', version: '0' },
              'io.modelcontextprotocol/clientCapabilities': {},
            },
          },
        }),
      });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ jsonrpc: '2.0', error: { code: expect.any(Number) } });
    },
  );

  it('leaves a 2025 cancellation the SDK would refuse (not JSON) to it, and the call runs on', async () => {
    const gateway = await rawSession(inProcess, GATEWAY);
    const waiting = gateway(call(5, 'piped__wait_for_cancel', {}));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cancel = JSON.stringify({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 5 },
    });
    expect((await gateway(cancel, { 'content-type': 'text/plain' })).status).toBe(415);
    const answered = await Promise.race([
      waiting.then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('still running'), 500)),
    ]);
    expect(answered).toBe('still running');
    expect((await gateway(cancel)).status).toBe(202);
  });

  it("holds a result's picture to 25 MiB, read from its base64's length", async () => {
    const client = await connect();
    const small = (await client.callTool({
      name: 'oversized__picture_of',
      arguments: { bytes: 3 << 20 },
    })) as CallToolResult;
    expect(small.isError).toBeFalsy();
    expect(small.content[0]).toMatchObject({ type: 'image', data: expect.stringMatching(/^A{4194304}$/) });
    const big = (await client.callTool({
      name: 'oversized__picture_of',
      arguments: { bytes: 26 << 20 },
    })) as CallToolResult;
    expect(big.isError).toBe(true);
    expect(big.content).toEqual([
      {
        type: 'text',
        text: expect.stringMatching(
          /^oversized__picture_of returned a 26\.0 MiB picture, over the host's 25\.0 MiB limit/,
        ),
      },
    ]);
    await client.close();
  }, 60_000);

  it.each([
    ['piped', '2025-11-25'],
    ['served', '2025-11-25'],
    ['piped', '2026-07-28'],
    ['served', '2026-07-28'],
  ] as const)(
    "passes a client's cancellation on to the skill (%s, %s)",
    async (skill, era) => {
      const client = await gatewayClient(app, era);
      const before = await client.callTool({ name: `${skill}__counts`, arguments: {} });
      const cancel = new AbortController();
      const waiting = client.callTool(
        { name: `${skill}__wait_for_cancel`, arguments: {} },
        { signal: cancel.signal },
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      cancel.abort();
      await expect(waiting).rejects.toThrow();
      const cancelled = (before.structuredContent as { cancellations: number }).cancellations + 1;
      await expect
        .poll(
          async () => (await client.callTool({ name: `${skill}__counts`, arguments: {} })).structuredContent,
          {
            timeout: 10_000,
          },
        )
        .toMatchObject({ cancellations: cancelled });
      await client.close();
    },
    30_000,
  );

  it.each(['piped', 'served'])(
    'answers at once an argument that is not JSON (a raw line break), and the skill reads on (%s)',
    async (skill) => {
      const gateway = await rawSession(inProcess, GATEWAY);
      const broken = call(2, `${skill}__echo_picture`, { picture: `${'A'.repeat(8000)}@@` }).replace(
        '@@',
        '\n{}',
      );
      const started = Date.now();
      const answer = await gateway(broken);
      const text = await answer.text();
      expect(Date.now() - started).toBeLessThan(10_000);
      if (answer.status === 200)
        expect(JSON.parse(resultText(text) ?? '{}')).toMatchObject({ isError: true });
      else expect(answer.status).toBe(400);
      const next = resultText(
        await (await gateway(call(3, `${skill}__echo_picture`, { picture: 'AAAA' }))).text(),
      );
      expect(JSON.parse(next ?? '{}')).toMatchObject({ structuredContent: { bytes: 3 } });
    },
    30_000,
  );
});
