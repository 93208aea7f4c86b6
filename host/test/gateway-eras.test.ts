import { expectModernRefusals } from '@mmskills/core/testing';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Host } from '../src/host.js';
import { createHostApp } from '../src/http/app.js';
import { quietLog, scriptedHost, skills } from './fixtures/hosts.js';
import { GATEWAY_URL, inProcessFetch } from './fixtures/in-process.js';

// The gateway serves both MCP eras at /mcp: 2026-07-28 clients (server/discover, stateless, the
// listen stream for changes) and 2025 clients (initialize, sessions), from one host.
describe('the MCP gateway for 2026-07-28 and 2025 clients', () => {
  let host: Host;
  let app: ReturnType<typeof createHostApp>['app'];
  let close: () => Promise<void>;

  beforeAll(async () => {
    host = await scriptedHost([], skills('crashy'));
    ({ app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog }));
  }, 120_000);

  afterAll(async () => {
    await close();
    await host.close();
  });

  const connect = async (era: '2026' | '2025', onToolsChanged?: (names: string[]) => void) => {
    const client = new Client(
      { name: 'test', version: '0.0.0' },
      {
        ...(era === '2026' && { versionNegotiation: { mode: { pin: '2026-07-28' } } }),
        ...(onToolsChanged && {
          listChanged: {
            tools: { onChanged: (_error, tools) => onToolsChanged((tools ?? []).map((tool) => tool.name)) },
          },
        }),
      },
    );
    const transport = new StreamableHTTPClientTransport(GATEWAY_URL, { fetch: inProcessFetch(app) });
    await client.connect(transport);
    return { client, transport };
  };

  it.each(['2026', '2025'] as const)(
    'lists in name order and forwards calls for a %s client',
    async (era) => {
      const { client, transport } = await connect(era);
      expect(client.getNegotiatedProtocolVersion()).toBe(era === '2026' ? '2026-07-28' : '2025-11-25');
      expect(transport.sessionId === undefined).toBe(era === '2026');
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual([...names].sort());
      expect(names).toContain('crashy__echo_text');
      const result = await client.callTool({ name: 'crashy__echo_text', arguments: { text: 'hi' } });
      expect(result.structuredContent).toMatchObject({ text: 'hi' });
      await expect(client.callTool({ name: 'crashy__teleport', arguments: {} })).rejects.toThrow(
        /Unknown tool/,
      );
      await client.close();
    },
    60_000,
  );

  it('tells a 2026 client over its listen stream when the skills change', async () => {
    let changed: (names: string[]) => void = () => undefined;
    const told = new Promise<string[]>((resolve) => {
      changed = resolve;
    });
    const { client } = await connect('2026', (names) => changed(names));
    expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain('other__echo_text');
    // Give the client's listen stream time to open.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { crashy } = skills('crashy');
    if (!crashy) throw new Error('no crashy test skill');
    await host.pool.update({ crashy, other: crashy });
    expect(await told).toEqual(expect.arrayContaining(['crashy__echo_text', 'other__echo_text']));
    await client.close();
  }, 60_000);

  it('refuses a malformed 2026 request as a 2026 server must, missing Mcp-Method included', async () => {
    await expectModernRefusals(inProcessFetch(app), GATEWAY_URL.href);
  });
});
